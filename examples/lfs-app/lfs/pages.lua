-- The node's web pages, streamed from the HTML templates. Each handler gets the application,
-- the request and the route's parameters (router.handle). The modules it uses are looked up
-- with require where they are needed (a lookup in package.loaded) rather than held in
-- module-level locals, which would be upvalues, heap objects each.
local templates = require "templates"

local pages = {}

local function fmt(x) return ("%.1f"):format(x) end

local function page(app, title, name, values)
  local s = require("scheduler").now() // 1000
  local uptime = ("%dh%02dm%02ds"):format(s // 3600, s // 60 % 60, s % 60)
  return 200, "text/html", templates.page(title, app.config.name, name, values, uptime, app.state.served)
end

function pages.overview(app)
  local window, state = app.window, app.state
  return page(app, "Overview", "overview", {
    state = state.in_alarm and "ALARM" or "normal", state_class = state.in_alarm and "alarm" or "ok",
    dewpoint = fmt(require("bme280").dewpoint(window.t:latest(), window.h:latest())),
    samples = state.samples, alarms = state.alarms,
    -- one row per measurement, its summary made while the row is sent
    rows = function(send)
      for key, name in ("t Temperature (&deg;C)|h Humidity (%)|p Pressure (hPa)|"):gmatch("(%a) ([^|]+)|") do
        local w = window[key]
        local s = require("stats").summary(w)
        templates.stream("measurement", { name = name, now = fmt(w:latest()), mean = fmt(s.mean),
          min = fmt(s.min), max = fmt(s.max) }, send)
      end
    end,
  })
end

function pages.readings(app)
  local w = app.window.t
  return page(app, "Readings", "readings", {
    count = #w, period = app.config.sample_ms // 1000,
    rows = function(send)
      for i = 1, #w do templates.stream("row", { n = i, value = fmt(w:get(i)) }, send) end
    end,
  })
end

function pages.log(app)
  return page(app, "Log", "log", { summary = app.log:summary(), lines = table.concat(app.log:tail(), "\n") })
end

function pages.settings(app)
  local cfg = app.config
  return page(app, "Settings", "settings", {
    rows = function(send)
      for _, k in ipairs({ "name", "sample_ms", "report_ms", "window", "alarm_low", "alarm_high" }) do
        send(('<tr><th>%s</th><td><input name="%s" value="%s"></td></tr>\n'):format(k, k, templates.escape(cfg[k])))
      end
    end,
  })
end

function pages.save_settings(app, req)
  local changed = {}
  for k, v in pairs(req.form or {}) do changed[k] = tonumber(v) or v end
  local new, bad = require("config").load(changed)
  if #bad > 0 then return 400, "text/plain", table.concat(bad, "\n") .. "\n" end
  local keys = {}
  for k in pairs(changed) do app.config[k] = new[k]; keys[#keys + 1] = k end
  table.sort(keys)
  app.log:info("settings changed: %s", table.concat(keys, ", "))
  return 303, "text/plain", "", { Location = "/config" }
end

function pages.not_found(app, req)
  local _, ctype, body = page(app, "Not found", "not_found", { path = req.path })
  return 404, ctype, body
end

return pages
