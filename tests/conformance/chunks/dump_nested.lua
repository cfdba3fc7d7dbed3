-- nested functions, closures and varargs in dumped chunks
local src = [[
local function counter(start)
  local n = start
  return function(step) n = n + (step or 1) return n end, function() return n end
end
local inc, get = counter(...)
inc() inc(5)
local function va(...) return select('#', ...), ... end
return get(), va(1, nil, 3)
]]
local f = load(src, "=nested")
local d = string.dump(f)
print(load(d)(10))
print(load(string.dump(f, true))(20))
local ds = string.dump(load(d))
print(ds == d)
print(pcall(load(d, "=ignored"), "x"))
print(pcall(load(string.dump(f, true), "=ignored2"), "x"))
