-- break out of loops whose body created closures (upvalues must be closed)
local fs = {}
for i = 1, 10 do
  local v = i * 3
  fs[#fs + 1] = function() return v end
  if i == 3 then break end
end
print(#fs, fs[1](), fs[2](), fs[3]())
local ws = {}
local k = 0
while true do
  k = k + 1
  local cap = "w" .. k
  ws[k] = function() return cap end
  if k >= 2 then break end
end
print(ws[1](), ws[2]())
local rs = {}
repeat
  local inner = #rs + 1
  rs[inner] = function() inner = inner + 100 return inner end
until #rs == 2
print(rs[1](), rs[1](), rs[2]())
