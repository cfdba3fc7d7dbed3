-- heartbeat: a watchdog for the application. Every heartbeat_s seconds (a tmr ALARM_AUTO
-- timer) it checks that the sampler has taken readings since the last beat and only then feeds
-- the software watchdog (tmr.softwd): if the sampler stalls, the device restarts within three
-- beats of the last reading, as a hung device should. The first beat that sees readings also
-- tells init.lua's boot-loop guard that this boot is good (it removes boot.cnt).
local heartbeat = {}

function heartbeat.start(app)
  local hb = { beats = 0, seen = 0, stalls = 0, good = false, timer = tmr.create() }
  tmr.softwd(app.cfg.heartbeat_s * 3)
  hb.timer:alarm(app.cfg.heartbeat_s * 1000, tmr.ALARM_AUTO, function() heartbeat.beat(app) end)
  return hb
end

function heartbeat.beat(app)
  local hb, samples = app.heartbeat, app.sampler.count
  hb.beats = hb.beats + 1
  if samples == hb.seen then
    hb.stalls = hb.stalls + 1
    app.log:log("WARN", "heartbeat %d: no readings for %d s; the watchdog will restart the device", hb.beats, app.cfg.heartbeat_s)
    return
  end
  hb.seen = samples
  tmr.softwd(app.cfg.heartbeat_s * 3)
  if not hb.good then
    hb.good = true
    file.remove("boot.cnt")
    app.log:log("INFO", "heartbeat %d: %d readings, boot marked good", hb.beats, samples)
  else
    app.log:log("DEBUG", "heartbeat %d: %d readings", hb.beats, samples)
  end
end

function heartbeat.stop(hb)
  hb.timer:unregister()
  tmr.softwd(-1)
end

return heartbeat
