-- tables that are sequences have a unique border
local t = {10, 20, 30, nil}
print(#t)
t = {n = 3, 1, 2}
print(#t)
t = {}
t[1] = 1; t[2] = 2; t[3] = 3
print(#t)
t = {1, 2, 3}
t[4] = 4; t[5] = 5
print(#t)
t = {}
for i = 1, 20 do t[i] = true end
for i = 20, 11, -1 do t[i] = nil end
print(#t)
-- a table whose only positive key is not 1 has border 0
t = {[2] = "x", [1] = nil}
t[2] = nil
print(#t)
t = {[0] = "zero", [-1] = "m"}
print(#t)
-- string keys do not count
t = {["1"] = 1, ["2"] = 2}
print(#t)
-- float integral keys count as integers
t = {}
t[1.0] = 1; t[2.0] = 2
print(#t)
local u = table.pack(1, 2, 3)
print(#u, u.n)
u = table.pack()
print(#u, u.n)
