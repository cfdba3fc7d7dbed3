local a = {b = {c = {}}}
function a.b.c.f(x) return "f got " .. tostring(x) end
function a.b.c:m(x) return self == a.b.c, x end
print(a.b.c.f(1), a.b.c:m(2))
print(a.b.c.m(a.b.c, 3))
-- method definitions add an implicit self parameter
local obj = {n = 0}
function obj:inc(by) self.n = self.n + (by or 1) return self end
obj:inc():inc(5):inc()
print(obj.n)
-- global function definition is an assignment
function globalfn() return "global" end
print(globalfn(), type(_G.globalfn))
-- local function allows recursion; local f = function does not
local function fact(n) return n <= 1 and 1 or n * fact(n - 1) end
print(fact(10))
print(load("local f = function(n) return f end return f(1)")())
