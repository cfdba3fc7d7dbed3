-- finalizers of objects referring to each other: all run in one cycle,
-- in reverse order of setmetatable calls, and can still see each other
local log = {}
local function make()
  local a = setmetatable({name = "a"}, {__gc = function(o) log[#log + 1] = o.name .. "->" .. (o.peer and o.peer.name or "nil") end})
  local b = setmetatable({name = "b", peer = a}, {__gc = function(o) log[#log + 1] = o.name .. "->" .. o.peer.name end})
  a.peer = b
end
make()
collectgarbage()
print(table.concat(log, " "))
-- finalizer creating new garbage with finalizers
log = {}
local function make2()
  setmetatable({}, {__gc = function()
    log[#log + 1] = "outer"
    setmetatable({}, {__gc = function() log[#log + 1] = "inner" end})
  end})
end
make2()
collectgarbage()
print(table.concat(log, " "))
collectgarbage()
print(table.concat(log, " "))
