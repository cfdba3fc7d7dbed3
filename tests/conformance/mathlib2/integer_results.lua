-- which functions give integers and which floats
local function t(...) local o = {} for i = 1, select("#", ...) do o[i] = math.type((select(i, ...))) end return table.concat(o, " ") end
print(t(math.abs(1), math.abs(1.0), math.floor(1.0), math.ceil(1.0), math.fmod(4, 3), math.fmod(4.0, 3)))
print(t(math.max(1, 2), math.max(1, 2.0), math.min(1.0, 2), math.sqrt(4), math.exp(0), math.log(1)))
print(t(math.deg(0), math.rad(0), math.sin(0), math.tointeger(2.0), math.modf(2.5)))
print(t(math.random(3), math.random(), math.floor(1e300), math.ceil(-1e300)))
print(t(1 // 1, 1.0 // 1, 2 ^ 2, 7 % 2, 7.0 % 2, -(-3), -(-3.0)))
