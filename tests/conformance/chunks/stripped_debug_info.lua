-- what the debug library sees of a stripped function
local up = 1
local function f(a, b)
  local c = a + up
  return debug.getinfo(1, "Sl"), debug.getlocal(1, 1)
end
local s = load(string.dump(f, true))
debug.setupvalue(s, 1, 10)
debug.setupvalue(s, 2, _ENV)
local i, ln, lv = s(1, 2)
print(i.source, i.short_src, i.what, i.currentline, i.linedefined, i.lastlinedefined)
print(ln, lv)
print(debug.getupvalue(s, 1))
print(debug.getlocal(s, 1))
local lines = debug.getinfo(s, "L").activelines
local n = 0
for _ in pairs(lines) do n = n + 1 end
print("activelines", n)
print(debug.traceback(coroutine.create(s), "tb"))
local co = coroutine.create(load(string.dump(function() coroutine.yield() end, true)))
coroutine.resume(co)
print(debug.traceback(co, "stripped co"))
local full = load(string.dump(f))
print(debug.getupvalue(full, 1))
print(debug.getlocal(full, 1), debug.getlocal(full, 2))
