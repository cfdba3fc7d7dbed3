local a, b, c = 1, 2
print(a, b, c)
a, b = 10, 20, 30
print(a, b)
a, b = b, a
print(a, b)
local function f() return 1, 2, 3 end
a, b, c = f()
print(a, b, c)
a, b, c = f(), 10
print(a, b, c)
a, b, c = 0, f()
print(a, b, c)
a, b, c = (f())
print(a, b, c)
local t = {}
t.x, t.y = 1
print(t.x, t.y)
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
-- all expressions are evaluated before assignment
local x, y = 1, 2
x, y = y, x + y
print(x, y)
local q = {1, 2, 3}
local n = 1
n, q[n], q[n + 1] = 3, "a", "b"
print(n, q[1], q[2], q[3])
