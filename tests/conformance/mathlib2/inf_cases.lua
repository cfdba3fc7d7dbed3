-- infinities through the math library
local inf = math.huge
print(inf, -inf, inf + 1, inf * 0 ~= inf * 0, inf - inf ~= inf - inf)
print(math.floor(inf), math.ceil(-inf), math.type(math.floor(inf)))
print(math.abs(-inf), math.sqrt(inf), math.exp(inf), math.exp(-inf))
print(math.log(inf), math.log(0), math.log(inf, 2))
print(math.max(inf, 1), math.min(-inf, 1), math.max(-inf, math.mininteger))
print(math.tointeger(inf), math.modf(inf))
print(math.fmod(5, inf), math.fmod(-5.5, -inf))
print(math.ult(1, 2), inf > math.maxinteger, -inf < math.mininteger)
print(math.huge // 1, -math.huge // 1, math.huge % 2 ~= math.huge % 2)
print(string.format("%.1f %.1f", inf, -inf), string.format("%d", 3))
print(pcall(string.format, "%d", inf))
print(math.floor(-1e308 * 10), math.ceil(1e308 * 10))
