local function args(...) return ... end
print(select(-1, args(1, 2, 3)))
print(select(-2, args(1, 2, 3)))
print(select(2, args(1, 2, 3)))
print(select(100, args(1, 2, 3)))
print(select('#', select(100, args(1, 2, 3))))
print(select(math.maxinteger, 1))
print(pcall(select, math.mininteger, 1))
print(select('#', table.unpack({}, 1, 200)))
local big = {}
for i = 1, 200 do big[i] = i end
print(select(-1, table.unpack(big)), select('#', table.unpack(big)))
