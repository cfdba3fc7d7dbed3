-- errors in finalizers during lua_close are reported as warnings? in 5.3 they are ignored
local t = setmetatable({}, {__gc = function() error("gc error at exit") end})
print("end of script")
