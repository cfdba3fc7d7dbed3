-- math.deg and math.rad
local function f(x) return string.format("%.12g", x) end
print(math.deg(0), f(math.deg(math.pi)), f(math.deg(math.pi / 2)), f(math.deg(1)))
print(math.rad(0), f(math.rad(180)), f(math.rad(90)), f(math.rad(-45)))
print(math.deg(math.huge), math.rad(-math.huge))
print(math.type(math.deg(1)), math.type(math.rad(1)), math.type(math.deg(0)))
print(f(math.rad(math.deg(1.25))))
print(pcall(math.deg), pcall(math.rad, "r"))
print(math.deg("0"), math.rad("0"))
