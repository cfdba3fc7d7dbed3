-- __index chains that loop forever are detected
local a, b = {}, {}
setmetatable(a, {__index = b})
setmetatable(b, {__index = a})
print(pcall(function() return a.x end))
local c = {}
setmetatable(c, {__newindex = c, __index = c})
print(pcall(function() return c.y end))
print(pcall(function() c.y = 1 end))
-- a long but finite chain works
local t = {v = "bottom"}
for i = 1, 50 do t = setmetatable({}, {__index = t}) end
print(t.v)
