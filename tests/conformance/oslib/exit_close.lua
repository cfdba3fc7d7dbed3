-- os.exit(true, true) closes the state (finalizers run)
local keep = setmetatable({}, {__gc = function() print("finalizer ran") end})
print("exiting")
os.exit(true, true)
