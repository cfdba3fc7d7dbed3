local function lvl3() error("deep error") end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
local ok, tb = xpcall(lvl1, debug.traceback)
print(ok)
print((tb:match("^[^\n]+")))
-- number of traceback lines mentioning our functions
local n = 0
for line in tb:gmatch("[^\n]+") do if line:find("error_with_traceback_first_line.lua:%d+: in") then n = n + 1 end end
print(n)
print(debug.traceback("message only", 1):match("^[^\n]+"))
print(type(debug.traceback()), debug.traceback(nil):match("^[^\n]+"), debug.traceback(42), type(debug.traceback({})))
