-- loaded dumps get fresh upvalues; the first one is the environment
local a, b = "A", "B"
local function two() return a, b end
local g = load(string.dump(two))
print(pcall(g))
print(type(debug.getupvalue(g, 1)), debug.getupvalue(g, 1))
print(debug.getupvalue(g, 2))
print(select(2, debug.getupvalue(g, 1)) == _G)
local function env_first() return print end
local h = load(string.dump(env_first))
print(h() == print)
local custom = {print = "custom"}
local h2 = load(string.dump(env_first), "=x", "b", custom)
print(h2())
local counter = 0
local function inc() counter = counter + 1 return counter end
local i1 = load(string.dump(inc))
local i2 = load(string.dump(inc))
debug.setupvalue(i1, 1, 100)
print(i1(), i1(), counter)
print(pcall(i2))
debug.upvaluejoin(i2, 1, inc, 1)
print(i2(), counter)
local function noup() return 42 end
local n = load(string.dump(noup), "=n", "b", {})
print(n(), debug.getupvalue(n, 1))
