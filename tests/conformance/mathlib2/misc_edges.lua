-- assorted math edges: signs of fmod, NaN in max/min, integer division by zero
print(math.floor(-3.5), math.ceil(-3.5), math.floor(3), math.fmod(-6, -4), math.fmod(6, -4))
print(math.fmod(math.mininteger, -1.0), math.fmod(5.5, math.mininteger))
print(math.max(0/0, 1) ~= math.max(0/0, 1), math.max(1, 0/0))
print(math.min(1, 0/0), math.min(0/0, 1) ~= math.min(0/0, 1))
print(math.tointeger(3.9999999999999999), math.abs(-0), math.ult(math.mininteger, 0))
print(8 // 0.0, -8 // 0.0, pcall(function() return 8 // 0 end))
print(pcall(function() return 8 % 0 end))
print(math.random(3, 3.0), pcall(math.random, 3, "3.5"))
