-- exact integer/float comparisons, table keys, extreme division and numeric for loops
local max, min = math.maxinteger, math.mininteger
local fl = {2^63, -2^63, 2^53, 2^53+2, -2^53, 0.5, -0.5, 1/0, -1/0, 0/0, max + 0.0, min + 0.0, 9007199254740993.0, 2^62, -2^62 - 1024}
local ints = {max, min, 0, 1, -1, 2^53 // 1, 9007199254740993, max - 1, min + 1}
for _, f in ipairs(fl) do
  local r = {}
  for _, i in ipairs(ints) do
    r[#r + 1] = (i < f and "<" or "") .. (i <= f and "l" or "") .. (i == f and "=" or "") .. (f < i and ">" or "") .. (f <= i and "g" or "")
  end
  print(f, table.concat(r, " "))
end
local t = {}
t[2^53] = 1; t[9007199254740993] = 2
print(t[2^53], t[9007199254740992], t[9007199254740993])
print(math.abs(min), math.abs(min + 0.0), -min == min)
print(string.format("%.0f", 2^63), max // -1, min // -1.0)
print(math.fmod(min, -1), math.fmod(max, min), math.fmod(-6, 4), math.fmod(6, -4), math.fmod(-6.0, 4))
print(5 // -2, -5 // 2, 5 % -2, -5 % 2, 5.0 // -2, -5 % 2.0, min % -1, min // -1)
print(1 < 1.1, 1 <= 0.9, -1 > -1.5, math.ult(min, max), math.ult(-1, 0))
for i = min, min + 2 do io.write(i, " ") end print()
for i = max, max - 1, -1 do io.write(i, " ") end print()
for i = 0.1, 0.3, 0.1 do io.write(i, " ") end print()
for i = 1, 0 do io.write("never") end print("done")
for i = 3.5, 1, -1 do io.write(i, " ") end print()
for i = 1, math.huge do if i > 3 then break end io.write(i, " ") end print()
for i = 1, 2^53 + 10, 2^52 do io.write(math.type(i), " ") end print()
