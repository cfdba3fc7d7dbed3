-- reference cycles are collected (finalizers tell us)
local collected = 0
local function make_cycle()
  local a = setmetatable({}, {__gc = function() collected = collected + 1 end})
  local b = setmetatable({}, {__gc = function() collected = collected + 1 end})
  a.b = b; b.a = a
  a.self = a
end
for i = 1, 10 do make_cycle() end
collectgarbage()
print(collected)
-- objects referenced from a global survive
keep = setmetatable({}, {__gc = function() print("global finalized at exit") end})
collectgarbage()
print("after collect, keep still alive:", type(keep))
