-- finalizers run in reverse order of marking (setmetatable with __gc)
local function make(name) return setmetatable({name = name}, {__gc = function(o) print("finalize " .. o.name) end}) end
local function scope()
  local a, b, c = make("a"), make("b"), make("c")
end
scope()
print("before collect")
collectgarbage()
print("after collect")
collectgarbage()
print("second collect finalizes nothing")
