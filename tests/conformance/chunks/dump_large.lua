-- a function with many constants (LOADKX) and a long body
local parts = {"local t = {}"}
for i = 1, 300 do parts[#parts + 1] = string.format("t[%d] = 'k%d'", i, i) end
for i = 1, 300 do parts[#parts + 1] = string.format("t[%d] = %d.5", i + 300, i) end
parts[#parts + 1] = "return t"
local f = load(table.concat(parts, "\n"), "=large")
local g = load(string.dump(f))
local a, b = f(), g()
local same = true
for i = 1, 600 do if a[i] ~= b[i] then same = false end end
print(#a, #b, same, b[1], b[300], b[301], b[600])
local gs = load(string.dump(f, true))
print(#gs(), gs()[450])
local d = string.dump(f)
print(#d, #string.dump(f, true))
