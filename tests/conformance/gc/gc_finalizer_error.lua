-- an error in a finalizer produces a warning-free error that is propagated in 5.3
local function make() setmetatable({}, {__gc = function() error("error in gc") end}) end
make()
print(pcall(collectgarbage))
print("still running")
