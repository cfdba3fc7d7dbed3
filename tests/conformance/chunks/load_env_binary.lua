-- the env argument becomes the first upvalue of a loaded binary chunk
local f = load("x = 1; return y", "=envtest")
local d = string.dump(f)
local env = {y = "from env"}
local g = load(d, "=envtest", "b", env)
print(g(), env.x, rawget(_G, "x"))
local g2 = load(d, "=envtest", "b", nil)
print(pcall(g2))
print(load(d, "=envtest", "bt")(), rawget(_G, "x"))
