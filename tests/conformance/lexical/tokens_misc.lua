-- operators written without spaces
local a, b = 7, 2
print(a+b, a-b, a*b, a/b, a%b, a^b, a//b, -a, a==b, a~=b, a<=b, a>=b, a<b, a>b)
print(a&b, a|b, a~b, ~a, a<<b, a>>b)
print("a".."b", #"abc")
print(1 .. 2, 1 ..2)
print(- -2, not not nil, - - -2)
print(2^-1, -2^2, 2^ -1)
-- comments between tokens
print(1--[[c]]+--[[c]]2)
-- a line break is not a statement separator problem in calls
local f = print
f
("call on next line")
print(load("return 1 ~= 2")(), load("return ~5")())
print(load("return 1 != 2"))
print(load("return a === b"))
print(load("x = @"))
print(load("return $"))
