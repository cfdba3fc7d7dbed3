-- count hooks
local n = 0
local function work() local s = 0 for i = 1, 100 do s = s + i end return s end
debug.sethook(function(ev) n = n + 1 end, "", 10)
work()
debug.sethook()
print(n > 20, n < 100)
local events = {}
debug.sethook(function(ev, arg) events[#events + 1] = ev .. tostring(arg) end, "", 1)
local x = 1
debug.sethook()
print(#events > 0, events[1])
local c = 0
debug.sethook(function() c = c + 1 if c == 20 then error("stop at 20") end end, "", 1)
print(pcall(function() while true do end end))
debug.sethook()
print(c)
