local function f(...) return select('#', ...) end
print(f(), f(nil), f(nil, nil), f(1, nil, 3, nil))
local function g(...) return ... end
print(g(1, 2, 3))
print((g(1, 2, 3)))
print(g(), "after")
print(select(1, "a", "b", "c"))
print(select(2, "a", "b", "c"))
print(select(3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(pcall(select, -4, "a", "b", "c"))
print(pcall(select, 0, "a"))
print(pcall(select, "x"))
print(select("#"), select("#", nil), select('2', "a", "b"))
local function h(a, b, ...) return a, b, select('#', ...) end
print(h(1))
print(h(1, 2, 3, 4))
local function pack(...) return {...}, select('#', ...) end
local t, n = pack(nil, 2, nil)
print(n, t[2])
local function tail(...) local a, b = ... return a, b end
print(tail(9, 8, 7))
