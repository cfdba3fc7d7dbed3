local t = {a = {b = {c = {d = {e = "deep"}}}}}
print(t.a.b.c.d.e, t["a"]["b"].c["d"].e)
local s = 0
for i = 1, 100 do s = s + i * (i % 3 == 0 and 2 or 1) - (i % 5 == 0 and i or 0) end
print(s)
local expr = ((((1 + 2) * 3) - 4) / 5) ^ 2 // 1 % 7
print(expr)
local long = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20
print(long)
local cat = "a" .. "b" .. "c" .. 1 .. 2 .. 3 .. "d" .. "e" .. "f" .. 4 .. 5 .. 6
print(cat)
print(("x"):rep(3):upper():lower():len())
local f = function() return function() return function() return "nested call" end end end
print(f()()())
