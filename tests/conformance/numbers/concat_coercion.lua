-- numbers in concatenation
print(1 .. 2, 1 .. "", 1.0 .. "", -0.0 .. "", 1e100 .. "", 2^63 .. "", math.mininteger .. "")
print("x" .. 1 .. 2.5 .. "y")
print(0.1 .. "|" .. 1/3 .. "|" .. 1e15 .. "|" .. 1e16 .. "|" .. 100000000000000)
print(pcall(function() return "a" .. {} end))
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. true end))
print(pcall(function() local t = {} return t .. "a" end))
print(pcall(function() local t = {x = {}} return "a" .. t.x end))
print(#(1 .. 2), math.type(tonumber(1 .. 2)))
print(10 .. 20 + 1)
local big = {}
for i = 1, 10 do big[i] = i * 1.5 end
print(table.concat(big, " "))
