local function three() return 1, 2, 3 end
local function count(...) return select('#', ...) end
print(count(three()), count(three(), three()), count((three())), count(three(), nil))
print(count(three(), 10), count(10, three()))
local function va(...)
  local a = {...}
  local b = {..., "end"}
  local c = {"start", ...}
  return #a, #b, #c, ... 
end
print(va(1, 2))
print(va())
local function passthrough(...) return count(...) end
print(passthrough(nil, nil, nil))
-- vararg in the main chunk
print(select('#', ...))
-- vararg truncated by parentheses and in the middle of lists
local function m(...) return (...) end
print(m(5, 6, 7), m())
print(string.format("%s %s", three()))
local ok, err = load("function f() return ... end")
print(ok, err)
print(load("local function f(a, ...) local function g() return ... end end"))
print(load("local function f(...) return function() return 1 end end") ~= nil)
