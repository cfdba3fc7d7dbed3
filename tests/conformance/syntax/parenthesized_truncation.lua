local function mr() return 1, 2, 3 end
print((mr()))
local t = {(mr())}
print(#t)
print(select('#', (mr())))
local a, b = (mr())
print(a, b)
print((nil))
print(select('#', (nil)))
-- parentheses around varargs
local function v(...) return (...) end
print(v(7, 8, 9))
-- parentheses make a call statement? no: (f)() is a call of an expression
local f = function() return "called" end
print((f)())
print(load("(f)") )
