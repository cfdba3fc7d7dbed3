-- protected metatables, select with numeric strings, tonumber base edge cases
print(getmetatable(setmetatable({}, {__metatable = 0})))
print(getmetatable(setmetatable({}, {__metatable = nil})) ~= nil)
local mt = {__index = function() return 1 end}
print(pcall(setmetatable, setmetatable({}, {__metatable = false}), mt))
local s = getmetatable("")
print(pcall(setmetatable, s, nil) and "ok")
print(getmetatable(s))
print(rawequal(string, getmetatable("").__index))
-- select with huge negative and float strings
print(pcall(select, "-1", 1, 2))
print(pcall(select, " 2 ", 1, 2))
print(pcall(select, "0x2", 1, 2))
print(pcall(select, "2.0", 1, 2))
print(pcall(select, "2.5", 1, 2))
-- tonumber with base and negative/space combos
print(tonumber(" -7 ", 8), tonumber("-", 8), tonumber(" ", 8), tonumber("8", 8), tonumber("1e1", 16), tonumber("1E1", 15))
print(tonumber("-0", 2), math.type(tonumber("-0", 2)), tonumber("1" .. string.rep("0", 70), 2))
print(tonumber("0x", 16), tonumber("x", 34), tonumber("X", 34), tonumber("Y", 35))
print(tonumber(1e1, nil), tonumber("1e1", nil), pcall(tonumber, 1e1, 10))
