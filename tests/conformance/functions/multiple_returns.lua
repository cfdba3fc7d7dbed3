local function none() end
local function one() return 1 end
local function many() return 1, 2, 3 end
print(none())
print(one(), many())
print(many(), one())
print((many()))
local t = {none(), many(), none()}
print(#t, t[1], t[2])
local a, b, c, d = many()
print(a, b, c, d)
a, b = none()
print(a, b)
print(select('#', none()), select('#', (none())))
print(math.max(many()), string.char(65, many()))
local function rets(n) if n == 0 then return end return n, rets(n - 1) end
print(rets(5))
print(select('#', rets(10)))
local function wrap(...) return ... end
print(wrap(wrap(wrap(1, nil, 3))))
local function big() local t = {} for i = 1, 250 do t[i] = i end return table.unpack(t) end
print(select('#', big()), (select(250, big())))
