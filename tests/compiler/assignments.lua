local function outer()
  local a = 1
  local function mid()
    local b = 2
    return function() a = a + b; return a end
  end
  return mid
end
local x, y
x, y = y, x
local t = {}
t.a, t.b, t.c = 1
local i = 1
i, t[i] = i+1, 20
local up = 0
local function f() up, t[up] = 1, 2 end
while true do local z = 1; local function g() return z end; if z then break end end
goto skip
do print(1) end
::skip::
local n = nil; local m; local o = nil
local p = - - 3; local q = not not nil; local r = -(2^63); local s = 9223372036854775807 + 1; local u = 0x7fffffffffffffff; local w = 0xffffffffffffffff; local e = 1e308 * 10; local g = 3 % 0; local h = 3 // 0; local k = 1.0 // 0; local l = 5 & 1.5; local mm = "10" + 1; local nn = 2^-1074 * 0
local ff = 1 == 1, 1 < 2, "a" < "b", nil == false
print(a.b.c:d(1)("x"){y = 1}[2])
return ...
