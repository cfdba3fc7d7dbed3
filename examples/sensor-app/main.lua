-- greenhouse monitor: samples a sensor, keeps a window, raises alarms.
local config = require "config"
local RingBuffer = require "ringbuffer"
local stats = require "stats"
local sensor = require "sensor"

local window = RingBuffer.new(config.window)
local alarms = 0

local function check(t, value)
  if value > config.alarm_high then
    alarms = alarms + 1
    print(("%s t=%5ds ALARM high %.1f"):format(config.name, t, value))
  elseif value < config.alarm_low then
    alarms = alarms + 1
    print(("%s t=%5ds ALARM low %.1f"):format(config.name, t, value))
  end
end

local t = 0
for step = 1, 24 * 12 do
  t = step * 300
  local value = sensor.read(t)
  window:push(value)
  check(t, value)
  if step % 48 == 0 then
    local s = stats.summary(window)
    print(("%s t=%5ds window n=%d mean=%.2f min=%.1f max=%.1f"):format(config.name, t, s.n, s.mean, s.min, s.max))
  end
end
collectgarbage()
print(("%s done: %d alarms, heap %.1f KB"):format(config.name, alarms, collectgarbage("count")))
