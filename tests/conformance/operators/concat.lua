print("a" .. "b", "a" .. 1, 1 .. "a", 1 .. 2, 1.5 .. "", 2^63 .. "", -0.0 .. "")
print(10 .. 20 .. 30, "x" .. 1.0, math.type(1 .. 2), type(1 .. 2))
print(math.mininteger .. "", math.maxinteger .. "", 1e100 .. "")
-- right associative, many operands
local s = "a" .. "b" .. "c" .. "d" .. 1 .. 2 .. 3
print(s, #s)
local t = {}
for i = 1, 10 do t[i] = i end
print(table.concat(t, ","))
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return true .. "" end))
print(pcall(function() local t = {} return "x" .. t end))
print(pcall(function() local t = {} return t .. "x" end))
print(pcall(function() local t = {f = {}} return "x" .. t.f end))
print(pcall(function() return "x" .. undefinedvar end))
print(pcall(function() return 1 .. 2 .. {} .. 3 end))
print(("x"):rep(3) .. ("y"):rep(2))
