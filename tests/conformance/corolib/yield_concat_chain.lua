-- yield in the middle of a multi-operand concatenation and comparisons
local mt = {__concat = function(a, b)
  local x = coroutine.yield("concat")
  return (type(a) == "table" and "T" or a) .. x .. (type(b) == "table" and "T" or b)
end}
local t = setmetatable({}, mt)
local co = coroutine.wrap(function() return "a" .. t .. "b" .. "c" end)
print(co())
print(co("1"))
local lt = setmetatable({}, {__lt = function() return coroutine.yield("lt") end, __le = function() return coroutine.yield("le") end})
local co2 = coroutine.wrap(function()
  local r = {}
  r[1] = lt < lt
  r[2] = lt <= lt
  r[3] = not (lt < lt)
  return tostring(r[1]) .. tostring(r[2]) .. tostring(r[3])
end)
print(co2())
print(co2(1))
print(co2(nil))
print(co2(false))
