-- app: the greenhouse node. Reads its settings, sets up the logger and the sensor, and starts
-- the sampler, the reporter and the heartbeat, each on its own tmr timer. After run_s seconds
-- (an hour: a tmr ALARM_SINGLE timer) it stops them and prints a summary: readings, reports,
-- the log files, the file system and the heap.
local app = {}

function app.start()
  local cfg, problems = require("config").load("config.txt")
  package.loaded.config = nil       -- needed once: let it go
  app.cfg = cfg
  local log = require("logger").new("log.txt", "log.1.txt", cfg.log_max, cfg.log_level, cfg.print_level)
  app.log = log
  log:log("INFO", "%s %s: a reading every %d s, a report every %d s, for %d s",
    cfg.name, require("version"), cfg.sample_s, cfg.report_s, cfg.run_s)
  for _, problem in ipairs(problems) do log:log("WARN", "config: %s", problem) end

  -- Every module is loaded before any timer starts: if one fails (not enough memory, say),
  -- nothing is left running half-started.
  local sensor, stats, sampler, reporter, heartbeat =
    require("sensor"), require("stats"), require("sampler"), require("reporter"), require("heartbeat")
  local err
  app.sensor, err = sensor.setup(cfg.seed)
  if not app.sensor then
    log:log("ERROR", "sensor: %s", err)
    return
  end
  app.t, app.p, app.h = stats.new(cfg.window), stats.new(cfg.window), stats.new(cfg.window)
  app.sampler = sampler.start(app)
  app.reporter = reporter.start(app)
  app.heartbeat = heartbeat.start(app)
  print(("heap: %d bytes free with the application running"):format(app.heap()))

  -- The end of the run. Timers due at the same moment fire in the order they were armed, so
  -- this one (armed first) fires before the last reading and the last report of the hour;
  -- stopping in a LOW_PRIORITY task lets both happen first (the report's own task is
  -- MEDIUM_PRIORITY), since a turn of the event loop runs its tasks by priority.
  tmr.create():alarm(cfg.run_s * 1000, tmr.ALARM_SINGLE, function()
    node.task.post(node.task.LOW_PRIORITY, app.finish)
  end)
end

function app.finish()
  require("sampler").stop(app.sampler)
  require("reporter").stop(app.reporter)
  require("heartbeat").stop(app.heartbeat)
  local s, r, hb, log = app.sampler, app.reporter, app.heartbeat, app.log
  log:log("INFO", "stopped after %d s", tmr.time())

  print(("summary: %d readings (%d sensor errors), %d alarms, %d reports (%d bytes), %d heartbeats, %d stalls"):format(
    s.count, s.failures, s.alarms, r.count, r.bytes, hb.beats, hb.stalls))
  for _, series in ipairs({ { "temperature", app.t, "C" }, { "pressure", app.p, "hPa" }, { "humidity", app.h, "%RH" } }) do
    local n, mean, min, max = series[2]:total()
    if n then
      print(("summary: %-11s mean %7.2f, min %7.2f, max %7.2f %s over %d readings"):format(series[1], mean, min, max, series[3], n))
    end
  end
  local sizes = file.list()
  for _, f in ipairs({ log, app.reports }) do
    print(("summary: %s %d bytes, %s %d bytes (%d lines written, rotated at %d bytes %d time%s, %d lost)"):format(
      f.name, sizes[f.name] or 0, f.old, sizes[f.old] or 0, f.lines, f.max, f.rotations, f.rotations == 1 and "" or "s", f.failed))
  end
  print("summary: report.json " .. (file.getcontents("report.json") or "(none)"))

  -- What the device has left. These differ with and without LFS (the file system holds lfs.img
  -- or the modules' sources; the code is in flash or in the heap).
  local remaining, used, total = file.fsinfo()
  print(("fs: %d bytes used, %d free of %d"):format(used, remaining, total))
  local before = node.heap()
  print(("heap: %d bytes free at the end (%d before collecting garbage); collectgarbage(\"count\") %.1f KB"):format(
    app.heap(), before, collectgarbage("count")))
end

-- Free heap once the garbage is collected. Two collections: closed file objects still have a
-- finalizer (__gc), which the first collection runs; the second frees them.
function app.heap()
  collectgarbage()
  collectgarbage()
  return node.heap()
end

return app
