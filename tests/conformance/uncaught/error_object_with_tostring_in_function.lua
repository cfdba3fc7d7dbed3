local Err = {}
Err.__index = Err
Err.__tostring = function(e) return "Err(" .. e.code .. "): " .. e.msg end
local function fail(code, msg) error(setmetatable({code = code, msg = msg}, Err)) end
local function process() fail(404, "not found") end
print("processing")
process()
