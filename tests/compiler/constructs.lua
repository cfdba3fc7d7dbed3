local a, b, c = 1, 2
local t = {1, 2, 3, x = 1, ["y"] = 2, [3+4] = 5, f(), ...}
local u = {f()}
local v = {...}
a, b = b, a
t[a], a = 1, 2
local x = a and b or c
local y = not a == b
local z = a < b and b <= c or c > a and a >= b
if a == 1 then print(1) elseif b ~= 2 then print(2) else print(3) end
while a < 10 do a = a + 1; if a == 5 then break end end
repeat local q = a; local function g() return q end; a = a - 1 until q < 3
for i = 10, 1, -1 do print(i) end
for k, v in pairs(t) do print(k, v) end
do local p = 1; goto done; local r = 2; ::done:: end
for i = 1, 3 do local w = i; local function h() return w end; if i == 2 then goto continue end; print(h()) ::continue:: end
local s = "a" .. "b" .. c .. 1 .. 2.5
print(#t, -a, ~b, a // b, a % b, a ^ 2, a & b, a | b, a ~ b, a << 1, a >> 1, 2^53, 1/0, -1/0, 3 // 0.0, 7 % -3, -7 // 2)
local function va(...) local n = select('#', ...); return ... end
print(va(1, nil, 3))
local obj = {}
function obj:m(x) return self, x end
function obj.n.q() end
print(obj:m(1), obj.m(obj, 2))
local big = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60, f()}
print([[long
string]], [==[x]]y]==], "esc\65\x41\u{48}\z
     tail\
next", '\'', "\0z")
return f(a, b)
