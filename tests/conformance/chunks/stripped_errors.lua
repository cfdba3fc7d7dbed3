-- errors in stripped functions have no line information
local function bad(t) return t.x.y end
local s = load(string.dump(bad, true))
print(pcall(s, {}))
local full = load(string.dump(bad))
print(pcall(full, {}))
local function err() error("message") end
print(pcall(load(string.dump(err, true))))
print(pcall(load(string.dump(err))))
local function arith(a) return a + {} end
print(pcall(load(string.dump(arith, true)), 1))
local function callnil() local f; f() end
print(pcall(load(string.dump(callnil, true))))
print(pcall(load(string.dump(callnil))))
local function glob() return undefinedvar.x end
print(pcall(load(string.dump(glob, true))))
