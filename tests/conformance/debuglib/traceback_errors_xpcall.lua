-- debug.traceback as message handler
local function lvl3() local x = {} return x.a.b end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
print(xpcall(lvl1, debug.traceback))
print(xpcall(function() error({code = 1}) end, debug.traceback))
print(xpcall(function() error("plain", 0) end, debug.traceback))
print(xpcall(function() error("lvl2", 2) end, debug.traceback))
print(xpcall(function() return 1, 2 end, debug.traceback))
