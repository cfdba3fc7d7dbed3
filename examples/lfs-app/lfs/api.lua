-- The node's JSON API (router.handle calls each handler with the application, the request and
-- the route's parameters).
local json = require "json"
local stats = require "stats"
local scheduler = require "scheduler"

local api = {}

function api.sensor(app, _, params)
  local w = ({ temperature = app.window.t, humidity = app.window.h, pressure = app.window.p })[params.name]
  if not w then
    return 404, "application/json", json.encode({ error = "no sensor '" .. params.name .. "'" })
  end
  local s = stats.summary(w)
  return 200, "application/json", json.encode({
    sensor = params.name, latest = stats.round(w:latest(), 2), mean = stats.round(s.mean, 2),
    median = stats.round(s.median, 2), sd = stats.round(s.sd, 3), trend = stats.round(stats.trend(w), 4), n = s.n,
  })
end

function api.status(app)
  local state, mqtt = app.state, app.mqtt
  return 200, "application/json", json.encode({
    device = app.config.name, uptime = scheduler.now() // 1000, samples = state.samples, alarms = state.alarms,
    mqtt = { sent = mqtt.sent, bytes = mqtt.bytes, unacked = mqtt:pending() }, timers = scheduler.pending(),
  })
end

return api
