-- reporter: every report_s seconds a tmr ALARM_AUTO timer takes a snapshot of the window's
-- statistics and posts a node.task to turn it into a JSON report and write it: a timer
-- callback should return quickly, and the task runs at the next turn of the event loop.
-- report.json always holds the latest report (for a web page or an upload to fetch);
-- reports.txt collects them, one a line, rotated to reports.1.txt as the log is.
local reporter = {}

function reporter.start(app)
  app.reports = require("logger").new("reports.txt", "reports.1.txt", app.cfg.reports_max)
  local r = { count = 0, bytes = 0, failed = 0, timer = tmr.create() }
  r.timer:alarm(app.cfg.report_s * 1000, tmr.ALARM_AUTO, function()
    local snapshot = reporter.snapshot(app)
    node.task.post(node.task.MEDIUM_PRIORITY, function() reporter.write(app, snapshot) end)
  end)
  return r
end

-- The figures a report holds, taken now.
function reporter.snapshot(app)
  local n, t, tmin, tmax = app.t:window()
  local _, p, pmin, pmax = app.p:window()
  local _, h, hmin, hmax = app.h:window()
  return { uptime = tmr.time(), n = n or 0, samples = app.sampler.count, alarms = app.sampler.alarms,
    t = { t or 0, tmin or 0, tmax or 0 }, p = { p or 0, pmin or 0, pmax or 0 }, h = { h or 0, hmin or 0, hmax or 0 },
    trend = app.t:trend() * 3600 / app.cfg.sample_s, alarm = app.sampler.alarm }
end

local function series(name, v, fmt)
  return ('"%s":{"avg":%s,"min":%s,"max":%s}'):format(name, fmt:format(v[1]), fmt:format(v[2]), fmt:format(v[3]))
end

function reporter.json(app, seq, s)
  local dew = require("sensor").dewpoint(s.t[1], s.h[1])
  return table.concat({
    ('{"node":"%s","seq":%d,"uptime":%d,"window":%d,"samples":%d'):format(app.cfg.name, seq, s.uptime, s.n, s.samples),
    series("temperature", s.t, "%.2f"), series("pressure", s.p, "%.2f"), series("humidity", s.h, "%.1f"),
    ('"dewpoint":%.2f,"trend_per_hour":%.2f,"alarms":%d,"alarm":%s}'):format(dew, s.trend, s.alarms,
      s.alarm and '"' .. s.alarm .. '"' or "null"),
  }, ",")
end

function reporter.write(app, s)
  local r = app.reporter
  r.count = r.count + 1
  local text = reporter.json(app, r.count, s)
  if not (app.reports:append(text) and file.putcontents("report.json", text)) then
    r.failed = r.failed + 1
    app.log:log("ERROR", "report %d: cannot write it (file system full?)", r.count)
    return
  end
  r.bytes = r.bytes + #text
  app.log:log("INFO", "report %d: t %.2f C (%.2f..%.2f), %.2f hPa, %.1f %%RH, %d bytes",
    r.count, s.t[1], s.t[2], s.t[3], s.p[1], s.h[1], #text)
end

function reporter.stop(r)
  r.timer:unregister()
end

return reporter
