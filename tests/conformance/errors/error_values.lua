-- error values need not be strings; position is added only to strings
local t = {code = 42}
local ok, e = pcall(error, t)
print(ok, e == t, e.code)
print(pcall(error, 42))
print(pcall(function() error(42) end))
print(pcall(function() error(4.5) end))
print(pcall(function() error(true) end))
print(pcall(function() error(nil) end))
print(pcall(function() error() end))
print(select('#', pcall(error)))
print(pcall(function() error(print == print) end))
local ok2, f = pcall(error, print)
print(ok2, f == print)
-- numbers are not converted to strings by error (no position)
local ok3, n = pcall(function() error(10) end)
print(ok3, n, math.type(n))
-- string-convertible number? only strings get position info
print(pcall(function() error("10") end))
-- error objects with __tostring
local eobj = setmetatable({}, {__tostring = function() return "custom error object" end})
local ok4, e4 = pcall(error, eobj)
print(ok4, tostring(e4), e4 == eobj)
