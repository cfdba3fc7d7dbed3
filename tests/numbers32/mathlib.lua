-- math in NodeMCU's 32-bit build: lua_Number float, l_mathop(f) = f##f.
print(math.maxinteger, math.mininteger, math.pi, math.huge, -math.huge, math.pi * 2)
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.floor(3.7), math.floor(-3.7), math.floor(2^31), math.floor(-2^31), math.floor(1e10), math.floor(5))
print(math.ceil(3.2), math.ceil(-3.2), math.ceil(2^31 - 0.5), math.ceil(-2^31 - 1), math.ceil(1e-30))
print(math.abs(-5), math.abs(math.mininteger), math.abs(-2.5), math.abs(math.maxinteger))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(math.mininteger, -1), math.fmod(7.5, 2))
print(math.fmod(-7.5, 2), math.fmod(1e10, 3), math.fmod(5, 2.5))
print(pcall(math.fmod, 1, 0))
print(pcall(math.fmod, 1.0, 0))
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(2^31), math.modf(math.huge))
print(math.sqrt(2), math.sqrt(16), math.sqrt(1e10), math.sqrt(-1) ~= math.sqrt(-1))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1))
print(math.atan(1, 2), math.atan(-1, -1), math.exp(1), math.exp(10), math.log(10), math.log(8, 2))
print(math.log(100, 10), math.log(27, 3), math.log(2^31, 2), math.exp(100), math.log(0))
print(math.deg(math.pi), math.rad(180), math.deg(1), math.rad(1))
print(math.ult(1, -1), math.ult(-1, 1), math.ult(math.maxinteger, math.mininteger), math.ult(0, 0))
print(math.max(1, 2.5, -3), math.min(1, 2.5, -3), math.max(math.mininteger, math.maxinteger), math.min(2^31, 1))
print(math.type(math.max(1, 2.0)), math.type(math.floor(2.5)), math.type(math.floor(2^40)))
print(2^0.5 == math.sqrt(2), 10^-1, 0.1 == 10^-1)
local okint, okrange = true, true
for _ = 1, 200 do
  local a = math.random(10)
  local b = math.random(-5, 5)
  local c = math.random(math.mininteger, -1)
  local r = math.random()
  okint = okint and math.type(a) == "integer" and math.type(c) == "integer"
  okrange = okrange and a >= 1 and a <= 10 and b >= -5 and b <= 5 and c < 0 and r >= 0 and r <= 1
end
print("random", okint, okrange)
print(pcall(math.random, 2, 1))
print(pcall(math.random, math.mininteger, math.maxinteger))
print(pcall(math.random, 0, math.maxinteger))
print(pcall(math.random, 1, 2^31))
