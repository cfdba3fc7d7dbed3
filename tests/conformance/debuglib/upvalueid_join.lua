-- upvalueid and upvaluejoin
local x, y = 1, 2
local function f() return x end
local function g() return x, y end
local function h() return y end
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 2))
print(debug.upvalueid(h, 1) == debug.upvalueid(g, 2))
print(type(debug.upvalueid(f, 1)))
print(pcall(debug.upvalueid, f, 2))
print(pcall(debug.upvalueid, f, 0))
print(pcall(debug.upvalueid, f))
print(pcall(debug.upvalueid, 1, 1))
print(f(), h())
debug.upvaluejoin(f, 1, h, 1)
print(f(), h())
print(debug.upvalueid(f, 1) == debug.upvalueid(h, 1))
y = 20
print(f(), g())
print(pcall(debug.upvaluejoin, f, 2, h, 1))
print(pcall(debug.upvaluejoin, f, 1, h, 2))
print(pcall(debug.upvaluejoin, print, 1, h, 1))
print(pcall(debug.upvaluejoin, f, 1, print, 1))
print(pcall(debug.upvaluejoin, 1, 1, h, 1))
-- closures created from the same function share upvalues until joined apart
local function mk() local n = 0 return function() n = n + 1 return n end, function() return n end end
local inc, get = mk()
local inc2, get2 = mk()
inc() inc()
print(get(), get2())
debug.upvaluejoin(get2, 1, inc, 1)
print(get(), get2())
