-- Boot: the station module, with its boot-time and report functions moved out of RAM by
-- softmodule (mode.txt says how: plain, flushed or cached), then an hour of samples every 10 s.
local mode = "plain"
if file.open("mode.txt", "r") then
    mode = file.readline():match("%a+")
    file.close()
end
collectgarbage()
print(string.format("heap: %d bytes free at boot", node.heap()))
local station = require "station"
collectgarbage()
print(string.format("heap: %d bytes free with the station module loaded", node.heap()))

if mode ~= "plain" then
    local sm = require "softmodule"
    -- The per-sample functions stay in RAM; everything else is loaded when it runs.
    local hot = { moisture = true, push = true }
    local inject = mode == "flushed" and sm.injectFlushedCall or sm.injectCachedCall
    for _, name in ipairs(sm.getModuleFunctions(station)) do
        if not hot[name] then inject("station", name, true) end
    end
    collectgarbage()
    print(string.format("heap: %d bytes free after softmodule (%s)", node.heap(), mode))
end

file.open("station.cfg", "r")
local name = station:configure(file.read())
file.close()
print("configured " .. name)

-- A simulated sensor: soil drying out, watered at minute 40.
local raw, elapsed = 520, 0
local timer = tmr.create()
timer:alarm(10000, tmr.ALARM_AUTO, function(t)
    elapsed = elapsed + 10
    raw = elapsed == 2400 and 430 or math.min(870, raw + 1 + (elapsed % 70 == 0 and 3 or 0))
    if station.push(station.moisture(raw)) and elapsed % 600 == 0 then
        print(string.format("%5d s alarm: moisture %.1f %%", elapsed, station.moisture(raw)))
    end
    if elapsed % 900 == 0 then print(string.format("%5d s report %s", elapsed, station.report(elapsed))) end
    if elapsed >= 3600 then
        t:unregister()
        print("summary: " .. station.summary())
        collectgarbage()
        print(string.format("heap: %d bytes free at the end of the hour", node.heap()))
    end
end)
