-- The weather module as a device application runs it, for bench/softmodule.sh: on a simulated
-- ESP8266 (`flashlua --device DIR`, default 44 KB heap) init.lua runs
-- assert(loadfile("boot.lua"))(MODE), MODE = plain, cached or flushed. It requires the module,
-- injects its functions (MODE), runs one measuring cycle, then 59 more (an hour of samples, one
-- a minute; no timer, to keep this script's own heap small). Prints the free heap (node.heap(),
-- after a full collection) after each step as `boot MODE STEP FREE`, or
-- `boot MODE STEP failed: MESSAGE` when a step does not fit.
local mode = ...
local function free(step)
  collectgarbage()
  collectgarbage()
  print(("boot %s %s %d"):format(mode, step, node.heap()))
end

-- One measuring cycle: configure (first time), read and compensate, keep, check the alarms,
-- show, upload.
local configured = false
local function cycle(n)
  local W = require "weather"
  if not configured then
    W.init(W.parse_config("station = ws-07\naltitude = 212\nt_high = 26.5"))
    W.load_calib(string.pack("<I2i2i2I2i2i2i2i2i2i2i2i2BB", 27504, 26435, -1000, 36477, -10685, 3024,
      2855, 140, -7, 15500, -14600, 6000, 0, 75), string.pack("<i2BBBBb", 362, 0, 0x13, 0x29, 0x03, 30))
    configured = true
  end
  local s = W.reading({ 519888 + n * 97, 415148 - n * 31, 27500 + n * 53, pulses = n % 90, secs = 10 })
  W:push(s)
  W.check_alarms(s)
  W:stats("t")
  W.format_line(s)
  W.request_line(s)
  W.encode(s)
end

local steps = {
  { "start", function() require "softmodule" end }, -- in every mode, so that they compare
  { "require", function() require "weather" end },
  { "inject", function()
    if mode == "plain" then return end
    local sm = package.loaded.softmodule
    local inject = mode == "cached" and sm.injectCachedCall
      or mode == "flushed" and sm.injectFlushedCall or error("mode: plain, cached or flushed")
    for _, name in ipairs(sm.getModuleFunctions(require "weather")) do inject("weather", name, true) end
  end },
  { "cycle", function() cycle(1) end },
  { "hour", function() for n = 2, 60 do cycle(n) end end }, -- a sample a minute
}
for _, step in ipairs(steps) do
  local ok, err = pcall(step[2])
  if not ok then
    print(("boot %s %s failed: %s"):format(mode, step[1], tostring(err)))
    return
  end
  free(step[1])
end
