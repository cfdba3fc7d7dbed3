-- more than 50 items (LFIELDS_PER_FLUSH) in one constructor
local t = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,
  31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,
  61,62,63,64,65,66,67,68,69,70}
print(#t, t[50], t[51], t[70])
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print(sum)
local function many() return 100, 200, 300 end
local u = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,
  31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50, many()}
print(#u, u[51], u[53])
local code = "return {" .. string.rep("'x',", 1000) .. "}"
print(#load(code)())
local v = {table.unpack(t)}
print(#v, v[70])
