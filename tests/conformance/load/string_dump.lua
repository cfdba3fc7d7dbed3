local function add(a, b) return a + b end
local d = string.dump(add)
print(type(d), d:byte(1) == 27)
local back = load(d)
print(back(2, 3))
-- upvalues are not preserved (they become nil, except the first which load sets to _ENV)
local up = 10
local function useup() return up end
local f2 = load(string.dump(useup))
print(pcall(function() return type(f2()) end))
print(pcall(string.dump, print))
print(pcall(string.dump))
-- strip parameter accepted
print(load(string.dump(add, true))(4, 5))
