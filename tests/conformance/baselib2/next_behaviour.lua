-- next: iteration, invalid keys
local t = {10, 20, 30}
print(next({}))
print(next(t))
print(next(t, 1))
print(next(t, 3))
print(next({}, nil))
print(pcall(next))
print(pcall(next, nil))
print(pcall(next, {}, "nokey"))
print(pcall(next, t, 4))
print(pcall(next, t, 1.5))
print(pcall(next, {a = 1}, "b"))
print(next({a = 1}, "a"))
print(pcall(next, t, 2.0))  -- lua5.3 looks a float key up in the hash part only
print(pcall(next, t, 0/0))
local h = {x = 1}
local k, v = next(h)
print(k, v, next(h, k))
print(rawequal(next, pairs({})))
