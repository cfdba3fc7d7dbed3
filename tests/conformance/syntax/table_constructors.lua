local function f() return 1, 2, 3 end
local t = {f()}
print(#t, t[1], t[3])
t = {f(), f()}
print(#t, table.concat(t, ","))
t = {(f())}
print(#t)
t = {f(), nil}
print(#t, t[1], t[2])
t = {x = 1, y = 2, 10, 20, [3] = 30, 40}
print(t.x, t.y, t[1], t[2], t[3])
t = {[1] = "explicit", "positional"}
print(t[1])
t = {1, 2, 3; 4, 5; n = "sep"}
print(#t, t.n)
t = {["a b"] = 1, [1 + 1] = "two", [f()] = "one"}
print(t["a b"], t[2], t[1])
t = {1, 2, 3,}
print(#t)
t = {f(), f(), x = f()}
print(#t, t.x)
local k = "key"
t = {[k] = "v", k = "literal"}
print(t.key, t.k)
t = {{1, 2}, {3, {4, 5}}}
print(t[2][2][2], #t[2])
print(#{...}, select('#', ...))
print(load("return {1, 2,, 3}"))
print(load("return {,}"))
