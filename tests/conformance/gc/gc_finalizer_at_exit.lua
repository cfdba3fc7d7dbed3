-- objects still alive at exit are finalized by lua_close, in reverse order
local keep = {}
for i = 1, 3 do
  keep[i] = setmetatable({}, {__gc = function() print("exit finalizer " .. i) end})
end
local global_obj = setmetatable({}, {__gc = function() print("global finalizer") end})
print("end of main chunk")
