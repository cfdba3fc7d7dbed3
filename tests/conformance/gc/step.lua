-- collectgarbage("step"): a boolean, true exactly when a cycle finished; a small step does a
-- small part of a cycle; a huge step does a whole one, really collecting.
local function gcinfo () return collectgarbage"count" * 1024 end
local function dosteps (siz)
  collectgarbage()
  local a = {}
  for i=1,100 do a[i] = {{}}; local b = {} end
  local x = gcinfo()
  local i = 0
  repeat i = i+1 until collectgarbage("step", siz)
  assert(gcinfo() < x)
  return i
end
collectgarbage"stop"
print(math.type(dosteps(0)), dosteps(0) > 10)
print(dosteps(10) < dosteps(2))
print(dosteps(20000))
print(collectgarbage("step", 20000), collectgarbage("step", 20000))
print(collectgarbage("isrunning"))
collectgarbage()
print(type(collectgarbage("step")), collectgarbage("step", 0))

-- finalizers and weak tables: a completed step cycle is a real collection
local fin = 0
local w = setmetatable({}, {__mode = "v"})
do
  for i = 1, 10 do setmetatable({}, {__gc = function () fin = fin + 1 end}) end
  w[1] = {}
end
print(collectgarbage("step", 100000), fin, w[1])

-- repeated small steps finish a cycle too, and garbage goes
collectgarbage()
for i = 1, 1000 do local t = {} end
local n = 0
repeat n = n + 1 until collectgarbage("step", 0)
print(n > 1)

-- steps do not restart a stopped collector
collectgarbage()
local x = gcinfo()
repeat
  for i = 1, 1000 do _ENV.a = {} end
  collectgarbage("step", 0)
until gcinfo() > 2 * x
print(collectgarbage("isrunning"))
collectgarbage("restart")
print(collectgarbage("isrunning"))
-- with the collector running, steps interleave with allocation
for i = 1, 20000 do local t = {i}; if i % 100 == 0 then collectgarbage("step", 1) end end
print(collectgarbage("step", 1000000))
