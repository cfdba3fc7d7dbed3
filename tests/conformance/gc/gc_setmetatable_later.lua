-- a __gc field added to the metatable after setmetatable is not honoured
local mt = {}
local function make() setmetatable({}, mt) end
make()
mt.__gc = function() print("should not run") end
collectgarbage()
print("collected without finalizer")
-- __gc present at setmetatable time marks the object; later changes to the function are seen
local mt2 = {__gc = true}
local function make2() setmetatable({}, mt2) end
make2()
mt2.__gc = function() print("replaced finalizer runs") end
collectgarbage()
-- a non-function __gc is ignored silently
local function make3() setmetatable({}, {__gc = "not a function"}) end
make3()
collectgarbage()
print("done")
