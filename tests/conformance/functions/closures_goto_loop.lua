-- a loop built with goto: a local declared in the block is fresh each time
local fs = {}
local i = 1
::top::
do
  local v = i
  fs[i] = function() return v end
end
i = i + 1
if i <= 3 then goto top end
print(fs[1](), fs[2](), fs[3]())
-- closures escaping from a loop with break
local keep
for k = 1, 10 do
  local sq = k * k
  if k == 4 then keep = function() return sq end break end
end
print(keep())
-- upvalue closed when the block exits, then the closure still works
local getters = {}
for n = 1, 2 do
  local x = n
  getters[n] = {get = function() return x end, set = function(v) x = v end}
end
getters[1].set(99)
print(getters[1].get(), getters[2].get())
