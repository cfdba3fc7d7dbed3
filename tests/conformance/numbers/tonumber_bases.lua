-- tonumber with every base from 2 to 36
local digits = "0123456789abcdefghijklmnopqrstuvwxyz"
for base = 2, 36 do
  local maxd = digits:sub(base, base)
  print(base, tonumber("10", base), tonumber(maxd, base), tonumber(maxd:upper() .. "0", base),
        tonumber(digits:sub(base + 1, base + 1), base), tonumber("-" .. maxd .. maxd, base))
end
print(tonumber("zzzzzzzzzzzzz", 36), tonumber("1" .. string.rep("0", 63), 2), tonumber("1" .. string.rep("0", 64), 2))
print(tonumber("7fffffffffffffff", 16), tonumber("-8000000000000000", 16), tonumber("ffffffffffffffffff", 16))
print(tonumber("1.0", 10), tonumber("1e1", 10), tonumber("0x1", 16), tonumber("", 2), tonumber(" ", 2))
print(tonumber("  101  ", 2), tonumber("\t11\n", 3), tonumber("1 1", 2), tonumber("- 1", 10), tonumber("--1", 10))
print(tonumber("+z", 36), tonumber("-Z", 36), tonumber("12", 2), tonumber("1\0", 10))
