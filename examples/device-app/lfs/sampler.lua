-- sampler: reads the sensor every sample_s seconds on a tmr ALARM_AUTO timer, feeds the three
-- series and raises or clears the temperature alarm (with hysteresis, so a reading hovering at
-- the threshold does not raise it again and again). Each reading goes to the log at DEBUG.
--
-- Heap habit: the timer's callback captures only `app`; the sampler's state is in the fields
-- of a table rather than in captured locals (each captured local is an upvalue, a heap object).
local sampler = {}

function sampler.start(app)
  local s = { count = 0, failures = 0, alarms = 0, alarm = nil, timer = tmr.create() }
  s.timer:alarm(app.cfg.sample_s * 1000, tmr.ALARM_AUTO, function() sampler.sample(app) end)
  return s
end

function sampler.sample(app)
  local s, cfg, log = app.sampler, app.cfg, app.log
  local t, p, h = app.sensor:read()
  if not t then
    s.failures = s.failures + 1
    log:log("WARN", "sensor: %s (%d so far)", p, s.failures)
    return
  end
  s.count = s.count + 1
  app.t:push(t)
  app.p:push(p)
  app.h:push(h)
  log:log("DEBUG", "#%d t=%.2f p=%.2f h=%.2f", s.count, t, p, h)
  if not s.alarm and (t > cfg.alarm_high or t < cfg.alarm_low) then
    s.alarm = t > cfg.alarm_high and "high" or "low"
    s.alarms = s.alarms + 1
    log:log("WARN", "alarm: temperature %s, %.2f C (limits %.1f..%.1f)", s.alarm, t, cfg.alarm_low, cfg.alarm_high)
  elseif s.alarm and t < cfg.alarm_high - cfg.hysteresis and t > cfg.alarm_low + cfg.hysteresis then
    log:log("INFO", "alarm cleared: temperature %.2f C", t)
    s.alarm = nil
  end
end

function sampler.stop(s)
  s.timer:unregister()
end

return sampler
