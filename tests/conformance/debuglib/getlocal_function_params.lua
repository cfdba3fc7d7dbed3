-- getlocal with a function argument returns parameter names only
local function f(a, b, c) local d = 1 return d end
for i = 0, 5 do print(i, debug.getlocal(f, i)) end
local function v(x, ...) end
for i = -1, 3 do print(i, debug.getlocal(v, i)) end
print(debug.getlocal(print, 1))
print(pcall(debug.getlocal, {}, 1))
print(pcall(debug.getlocal, f))
print(pcall(debug.getlocal, 50, 1))
print(pcall(debug.getlocal, 1, "x"))
print(pcall(debug.setlocal, 50, 1, 1))
print(pcall(debug.setlocal, f, 1, 1))
