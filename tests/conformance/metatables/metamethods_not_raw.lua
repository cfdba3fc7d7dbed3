-- metamethods are looked up raw in the metatable (no __index on the metatable)
local mtmt = {__index = function(_, k) return function() return "from meta-meta " .. k end end}
local mt = setmetatable({}, mtmt)
local t = setmetatable({}, mt)
print(pcall(function() return t + 1 end))
print(pcall(function() return t.x end))
print(pcall(tostring, t) and "tostring ok")
-- __index field itself retrieved raw
print(rawget(mt, "__index"), mt.__index ~= nil)
