-- an object resurrected by its finalizer is not finalized again
saved = nil
local count = 0
local function make()
  setmetatable({id = "resurrect me"}, {__gc = function(o) count = count + 1 saved = o end})
end
make()
collectgarbage()
print(count, saved and saved.id)
saved = nil
collectgarbage()
collectgarbage()
print(count)
-- the resurrected object keeps its fields; as a weak KEY it is removed only at the next cycle
local weak = setmetatable({}, {__mode = "k"})
local function make2()
  local o = setmetatable({v = 7}, {__gc = function(o) saved = o end})
  weak[o] = true
end
make2()
collectgarbage()
print(saved and saved.v, next(weak) == saved)
saved = nil
collectgarbage()
collectgarbage()
print(next(weak))
