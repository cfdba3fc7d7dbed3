-- sqrt, exp, log in fixed precision
local function f(x) return string.format("%.14g", x) end
print(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(-0.0))
print(math.type(math.sqrt(16)), math.sqrt(math.huge))
local s = math.sqrt(-1)
print(s ~= s)
print(f(math.exp(0)), f(math.exp(1)), f(math.exp(-1)), math.exp(-math.huge), math.exp(math.huge))
print(math.exp(1000), math.exp(-1000))
print(math.sqrt("4"), pcall(math.sqrt), pcall(math.exp, "e"))
print(math.sqrt(1e308), f(math.sqrt(1e-300)))
