-- result types of / // % ^ with integers, floats and strings
local vals = {7, -7, 7.0, -7.5, "7", "-7.5", 0, 0.0}
local divs = {2, -2, 2.0, 0.5, "2"}
for _, a in ipairs(vals) do
  local row = {}
  for _, b in ipairs(divs) do
    local q, fq, m, p = a / b, a // b, a % b, a ^ b
    row[#row + 1] = string.format("%s/%s=%s %s %s %s", a, b, q, fq, m, p)
  end
  print(table.concat(row, " | "))
end
print(math.type(6 / 2), math.type(6 // 2), math.type(6 % 4), math.type(2 ^ 2), math.type(6.0 // 2))
print(0.0 / 0.0 ~= 0.0 / 0.0, 1 / 0, -1 / 0, 0 / -1, 0.0 / -1, 0 // -1, 0.0 // -1)
print(5 % -0.0 ~= 5 % -0.0, -5 // 0.0, 5.5 % 2, -5.5 % 2, 5.5 % -2, 1e308 % 3)
