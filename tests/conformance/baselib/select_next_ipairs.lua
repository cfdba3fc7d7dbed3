-- ipairs stops at the first nil
local t = {1, 2, nil, 4}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
t = {nil, 2}
for i, v in ipairs(t) do io.write("never") end print("stopped at 1")
t = {[1] = "a", [2] = "b", [4] = "d", x = "x"}
for i, v in ipairs(t) do io.write(i, v, " ") end print()
-- ipairs uses __index in 5.3
local proxy = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * i end end})
for i, v in ipairs(proxy) do io.write(i, ":", v, " ") end print()
-- ipairs on a string with __index? strings have no integer fields
print(pcall(function() for i, v in ipairs("abc") do io.write(i) end return "no iterations" end))
-- modifying during ipairs
local m = {1, 2, 3}
for i, v in ipairs(m) do if i == 1 then m[4] = 4 end io.write(v, " ") end print()
-- next order for an array part is sequential
local arr = {10, 20, 30}
local k, v = next(arr)
print(k, v)
k, v = next(arr, k)
print(k, v)
print(next(arr, 3))
print(select('#', next({})))
