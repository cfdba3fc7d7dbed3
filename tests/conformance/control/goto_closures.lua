-- jumping backwards out of the scope of a local closes its upvalue
local fs = {}
local k = 1
::loop::
local v = k * 2
fs[#fs + 1] = function() v = v + 1 return v end
k = k + 1
if k <= 3 then goto loop end
print(fs[1](), fs[1](), fs[2](), fs[3]())
-- goto out of a nested function scope is not allowed but out of blocks is
local r = {}
for i = 1, 3 do
  do
    local captured = i
    r[i] = function() return captured end
    if i == 2 then goto skip end
  end
  ::skip::
end
print(r[1](), r[2](), r[3]())
