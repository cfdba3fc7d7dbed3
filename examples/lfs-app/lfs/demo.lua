-- Exercises the application as a day on the device would: six simulated hours of sampling,
-- reporting and watchdog timers, then the requests a browser and a monitoring script send.
-- Everything it prints is the same whether the modules run from LFS or from source files.
local demo = {}

local function heap()
  collectgarbage()
  return collectgarbage("count")
end

function demo.run()
  package.loaded.demo = nil
  local boot = heap()
  local app = require("app").start()
  local loaded = heap()
  local stats = require "stats"
  for hour = 1, 6 do
    app.run_until(hour * 3600 * 1000)
    local s = stats.summary(app.window.t)
    print(("hour %d: %d samples, %d alarms, window mean %.2f C (%.2f..%.2f), %d reports, %d unacked"):format(
      hour, app.state.samples, app.state.alarms, s.mean, s.min, s.max, app.state.published, app.mqtt:pending()))
  end
  print("last report: " .. app.state.last_report)
  print(("mqtt: %d packets (%d retransmitted), %d bytes on the wire"):format(
    app.outbox.packets, app.outbox.dups, app.outbox.bytes))

  -- Each response goes to a sink that counts its bytes and keeps a short body (as the device
  -- would send each piece to the socket).
  local function request(raw)
    local bytes, head, pieces = 0, nil, {}
    local status = app.request(raw, function(piece)
      bytes = bytes + #piece
      if not head then head = piece elseif bytes < 400 then pieces[#pieces + 1] = piece end
    end)
    return status, bytes, bytes < 400 and table.concat(pieces) or nil
  end
  -- Requests a browser and a monitoring script send, one per line ("\r\n" and "\n" spelled out
  -- as \r and \n).
  local requests = [[
GET / HTTP/1.1\r\nHost: greenhouse-7\r\nAccept: text/html\r\n\r\n
GET /readings HTTP/1.1\r\nHost: greenhouse-7\r\n\r\n
GET /log HTTP/1.1\r\nHost: greenhouse-7\r\n\r\n
GET /config HTTP/1.1\r\nHost: greenhouse-7\r\n\r\n
POST /config HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\nalarm_high=27.5&window=abc
POST /config HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\n\r\nalarm_high=27.5
GET /api/sensor/temperature HTTP/1.1\r\nAccept: application/json\r\n\r\n
GET /api/sensor/pressure HTTP/1.1\r\n\r\n
GET /api/sensor/wind HTTP/1.1\r\n\r\n
GET /api/status HTTP/1.1\r\n\r\n
DELETE /api/status HTTP/1.1\r\n\r\n
GET /missing%20page HTTP/1.1\r\n\r\n
GET /readings HTTP/1.1\r\nContent-Length: 9000\r\n\r\n
]]
  for line in requests:gmatch("[^\n]+") do
    local raw = line:gsub("\\r", "\r"):gsub("\\n", "\n")
    local status, bytes, body = request(raw)
    local shown = body and body:match("^[{%[]") and body or ("%d bytes"):format(bytes)
    print(("%-38s -> %d %s"):format(raw:match("^[^\r]*"), status, shown))
  end

  local _, _, body = request("GET /api/status HTTP/1.1\r\n\r\n")
  local status = require("json").decode(body)
  package.loaded.json = nil
  print(("status: %d samples, mqtt %d sent, %d timers"):format(status.samples, status.mqtt.sent, status.timers))
  print("log: " .. app.log:summary())
  for _, line in ipairs(app.log:tail()) do print("  " .. line) end

  if LFS.get("demo") then
    print(("mode: LFS image, %d modules, %d bytes"):format(#LFS.list(), LFS.config.used))
  else
    print("mode: source files")
  end
  print(("heap: %.1f KB at boot, %.1f KB with the application loaded, %.1f KB at the end"):format(boot, loaded, heap()))
  if debug.getstrings then
    print(("strings: %d in RAM"):format(#debug.getstrings("RAM")))
  end
end

return demo
