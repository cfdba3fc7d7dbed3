local env = {y = 5}
local f = load("x = 10 return y", "chunk", "t", env)
print(f(), env.x, x)
-- env nil: global access fails
local g = load("return print", "c", "t", nil)
print(pcall(g))
-- env with __index to _G
local sandbox = setmetatable({}, {__index = _G})
load("newvar = 'in sandbox'; helper = type", "c", "t", sandbox)()
print(sandbox.newvar, newvar, sandbox.helper == type)
-- _ENV is the first upvalue: setting it later via debug.setupvalue
local h = load("return who")
print(h())
debug.setupvalue(h, 1, {who = "replaced env"})
print(h())
print((debug.getupvalue(h, 1)))
-- a loaded chunk does not see the caller's locals
local secret = "local value"
print(load("return secret")())
