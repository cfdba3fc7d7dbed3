-- The greenhouse node: samples a BME280 on a timer, keeps windows of readings, raises alarms
-- and publishes telemetry over MQTT. What it needs only now and then (the settings parser, the
-- JSON encoder, the web pages and JSON API) it loads for one use and lets go: from LFS, require
-- costs no compilation and no heap for code, only the module's closures, so what is not running
-- need not stay in RAM.
--
-- Heap habits of the code: the running state lives in fields of `app` rather than in locals
-- that the timer functions capture (each captured local is an upvalue, a heap object), and
-- constant text is written where it is used (a literal is a constant of the prototype, in flash
-- with LFS; a module-level local holding it would be an upvalue).
local scheduler = require "scheduler"
local telemetry = require "telemetry"

local app = {}

-- A module needed only now and then: loaded for one use and released (package.loaded forgets
-- it, so its closures become garbage once the caller lets go).
local function once(name)
  local module = require(name)
  package.loaded[name] = nil
  return module
end

-- One sample: read the sensor, keep it, raise or clear the alarm.
local function sample()
  local t, p, h = app.sensor:read()
  local window, state, cfg = app.window, app.state, app.config
  window.t:push(t); window.h:push(h); window.p:push(p)
  state.samples = state.samples + 1
  local level = app.smooth:update(t)
  local alarm = level > cfg.alarm_high or level < cfg.alarm_low
  if alarm and not state.in_alarm then
    state.alarms = state.alarms + 1
    app.log:warn("temperature %.2f outside [%.1f, %.1f]", level, cfg.alarm_low, cfg.alarm_high)
  elseif not alarm and state.in_alarm then
    app.log:info("temperature back to %.2f", level)
  end
  state.in_alarm = alarm
end

-- One report: a summary of the window as JSON, published with QoS 1.
local function report()
  local stats, state, window = require "stats", app.state, app.window
  local s = stats.summary(window.t)
  local message = once("json").encode({
    device = app.config.name, uptime = scheduler.now() // 1000, samples = state.samples,
    temperature = { mean = stats.round(s.mean, 2), min = s.min, max = s.max, sd = stats.round(s.sd, 3) },
    humidity = stats.round(window.h:latest(), 1), pressure = stats.round(window.p:latest(), 2),
    alarm = state.in_alarm,
  })
  local id = app.mqtt:publish(app.config.mqtt_topic, message, 1)
  state.published = state.published + 1
  state.last_report = message
  -- the simulated broker acknowledges odd-numbered reports at once, the others only when the
  -- watchdog sends them again
  if id % 2 == 1 then app.mqtt:receive(string.pack(">BBI2", 0x40, 2, id)) end   -- PUBACK
end

-- What the MQTT client sends goes to the simulated broker: counted, and a retransmitted
-- PUBLISH (DUP flag) is acknowledged when the watchdog next runs.
local function send(packet)
  local outbox = app.outbox
  outbox.packets, outbox.bytes = outbox.packets + 1, outbox.bytes + #packet
  local kind, f = telemetry.decode(packet)
  if kind == "publish" and f.dup then
    outbox.dups = outbox.dups + 1
    outbox.ack = (outbox.ack or "") .. string.pack(">BBI2", 0x40, 2, f.id)
  end
end

-- Every 2 minutes: retransmit what the broker has not acknowledged, keep the connection alive.
local function watchdog()
  local n = app.mqtt:retransmit()
  if n > 0 then app.log:info("watchdog: retransmitted %d unacknowledged report%s", n, n == 1 and "" or "s") end
  if app.outbox.ack then app.mqtt:receive(app.outbox.ack); app.outbox.ack = nil end
  send(telemetry.ping())
end

function app.start()
  -- What the device would read from settings.txt in its file system.
  local config = once "config"
  local settings, syntax = config.parse([[
# greenhouse-7 settings
name = "greenhouse-7"
sample_ms = 5000
report_ms = 60000
window = 8
alarm_high = 26.5
alarm_low = 23.5
log_level = "INFO"
log_keep = 4
http_port = 99999
colour blue
]])
  local cfg, problems = config.load(settings)
  app.config = cfg
  app.log = require("logger").new(cfg.log_level, cfg.log_keep, scheduler.now)
  for _, p in ipairs(syntax) do app.log:warn("settings.txt %s", p) end
  for _, p in ipairs(problems) do app.log:warn("%s", p) end

  local RingBuffer = require "ringbuf"
  app.sensor = assert(require("bme280").setup(cfg.i2c_address))
  app.window = { t = RingBuffer.new(cfg.window), h = RingBuffer.new(cfg.window), p = RingBuffer.new(cfg.window) }
  app.smooth = require("stats").ema(0.2)
  app.state = { samples = 0, alarms = 0, in_alarm = false, published = 0, served = 0 }
  app.outbox = { packets = 0, bytes = 0, dups = 0 }
  app.mqtt = telemetry.client(cfg.name, send)

  scheduler.every(cfg.sample_ms, sample)
  scheduler.every(cfg.report_ms, report)
  scheduler.every(120000, watchdog)
  -- Boot: a task that lets the sensor settle, then connects to the broker (its coroutine is
  -- garbage once it has finished).
  scheduler.task(function()
    scheduler.sleep(2000)
    app.log:info("sensor ready after %d samples", app.state.samples)
    scheduler.sleep(1000)
    send(telemetry.connect(app.config.name, 60, app.config.name .. "/status", "offline"))
    app.log:info("mqtt: connected as %s", app.config.name)
  end)
  return app
end

function app.run_until(ms) scheduler.run_until(ms) end

-- One HTTP request, answered through send(piece): the router and the modules the request needs
-- (pages for HTML, api for JSON) are loaded for it and released after it. Returns the status.
function app.request(raw, send_piece)
  local status = require("router").handle([[
GET  /                   pages.overview
GET  /readings           pages.readings
GET  /log                pages.log
GET  /config             pages.settings
POST /config             pages.save_settings
GET  /api/sensor/:name   api.sensor
GET  /api/status         api.status
]], "pages.not_found", app, raw, send_piece)
  if status < 400 then app.state.served = app.state.served + 1 end
  for _, name in ipairs({ "router", "pages", "api", "templates", "json", "config" }) do package.loaded[name] = nil end
  return status
end

return app
