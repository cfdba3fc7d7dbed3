-- weather: a NodeMCU-style weather station module, the workload of bench/softmodule.sh.
-- A BME280 (temperature, pressure, humidity) plus a cup anemometer: calibration and
-- compensation as in the Bosch datasheet, derived quantities, a ring buffer of samples with
-- statistics, alarms with hysteresis, a JSON report, an HTTP request line and a 16x2 LCD.
-- Twenty functions, written the ways NodeMCU modules write them (`function M.f`,
-- `function M:f`, `M.f = function`, local functions stored in M later), sharing the module's
-- private state through upvalues. No I/O: the caller reads the sensor and sends the bytes.
local M = { VERSION = "1.3.0" }

local floor, abs, sqrt, log, exp = math.floor, math.abs, math.sqrt, math.log, math.exp
local fmt, byte, char, concat = string.format, string.byte, string.char, table.concat

-- Module-private state, shared by several functions below.
local RING_SIZE = 24
local cfg = {
  station = "ws-01", altitude = 0, interval = 60, units = "metric",
  host = "api.example.org", path = "/v1/readings", key = "",
  t_high = 35, t_low = 0, rh_high = 90, wind_high = 17.2, hysteresis = 1.0,
}
-- Calibration coefficients (read from the chip's NVM by load_calib).
local calib = {
  T1 = 0, T2 = 0, T3 = 0, P1 = 0, P2 = 0, P3 = 0, P4 = 0, P5 = 0, P6 = 0, P7 = 0, P8 = 0, P9 = 0,
  H1 = 0, H2 = 0, H3 = 0, H4 = 0, H5 = 0, H6 = 0, loaded = false,
}
local t_fine = 0 -- carried from temperature to pressure and humidity compensation
-- Ring buffer: one preallocated array per field, so pushing a sample allocates nothing.
local ring = { t = {}, p = {}, rh = {}, wind = {} }
for _, column in pairs(ring) do for i = 1, RING_SIZE do column[i] = 0 end end
local head, count = 0, 0
local alarm_state = { t_high = false, t_low = false, rh_high = false, wind_high = false }
local crc_table -- built on first use

local LIMITS = {
  altitude = { -500, 9000 }, interval = { 5, 3600 }, t_high = { -40, 85 }, t_low = { -40, 85 },
  rh_high = { 0, 100 }, wind_high = { 0, 60 }, hysteresis = { 0, 10 },
}

-- Checks a configuration table; returns true, or false and a list of problems.
local function validate(c)
  local problems = {}
  for name, range in pairs(LIMITS) do
    local v = c[name]
    if v ~= nil then
      if type(v) ~= "number" then
        problems[#problems + 1] = name .. ": not a number"
      elseif v < range[1] or v > range[2] then
        problems[#problems + 1] = fmt("%s: %g outside %g..%g", name, v, range[1], range[2])
      end
    end
  end
  if c.units ~= nil and c.units ~= "metric" and c.units ~= "imperial" then
    problems[#problems + 1] = "units: metric or imperial"
  end
  if c.t_low and c.t_high and c.t_low >= c.t_high then
    problems[#problems + 1] = "t_low must be below t_high"
  end
  if c.station ~= nil and not tostring(c.station):match("^[%w%-_]+$") then
    problems[#problems + 1] = "station: letters, digits, - and _ only"
  end
  table.sort(problems)
  return #problems == 0, problems
end
M.validate = validate

-- Parses "key = value" lines (# comments); numbers and booleans are converted.
M.parse_config = function(text)
  local c, line_no = {}, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    line_no = line_no + 1
    line = line:gsub("#.*$", ""):match("^%s*(.-)%s*$")
    if line ~= "" then
      local key, value = line:match("^([%w_]+)%s*=%s*(.-)$")
      if not key then return nil, fmt("line %d: expected key = value", line_no) end
      if value == "true" or value == "false" then
        c[key] = value == "true"
      elseif tonumber(value) then
        c[key] = tonumber(value)
      else
        c[key] = value:match('^"(.*)"$') or value
      end
    end
  end
  return c
end

-- Applies a configuration (after validation) and empties the ring buffer.
function M.init(conf)
  conf = conf or {}
  local ok, problems = validate(conf)
  if not ok then return false, concat(problems, "; ") end
  for k, v in pairs(conf) do
    if cfg[k] ~= nil then cfg[k] = v end
  end
  for _, column in pairs(ring) do
    for i = 1, RING_SIZE do column[i] = 0 end
  end
  head, count = 0, 0
  for k in pairs(alarm_state) do alarm_state[k] = false end
  return true
end

local function u16(s, i) local lo, hi = byte(s, i, i + 1) return lo + hi * 256 end
local function s16(s, i) local v = u16(s, i) return v >= 32768 and v - 65536 or v end

-- Reads the calibration coefficients from the two NVM blocks of a BME280
-- (26 bytes at 0x88 and 7 bytes at 0xE1).
function M.load_calib(b1, b2)
  if #b1 < 26 or #b2 < 7 then return false, "short calibration block" end
  calib.T1, calib.T2, calib.T3 = u16(b1, 1), s16(b1, 3), s16(b1, 5)
  calib.P1 = u16(b1, 7)
  local names = { "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9" }
  for i = 1, #names do calib[names[i]] = s16(b1, 9 + (i - 1) * 2) end
  calib.H1 = byte(b1, 26)
  calib.H2 = s16(b2, 1)
  calib.H3 = byte(b2, 3)
  local e4, e5, e6 = byte(b2, 4, 6)
  local h4 = e4 * 16 + (e5 & 0x0F)
  local h5 = e6 * 16 + (e5 >> 4)
  calib.H4 = h4 >= 2048 and h4 - 4096 or h4
  calib.H5 = h5 >= 2048 and h5 - 4096 or h5
  local h6 = byte(b2, 7)
  calib.H6 = h6 >= 128 and h6 - 256 or h6
  calib.loaded = calib.T1 ~= 0 and calib.P1 ~= 0
  return calib.loaded
end

-- Temperature in hundredths of a degree C from the raw 20-bit reading (datasheet 4.2.3,
-- 32-bit integer version; // stands for the C code's arithmetic shifts).
function M.comp_temp(adc_T)
  local T1, T2, T3 = calib.T1, calib.T2, calib.T3
  local var1 = ((adc_T // 8) - T1 * 2) * T2 // 2048
  local d = (adc_T // 16) - T1
  local var2 = (d * d // 4096) * T3 // 16384
  t_fine = var1 + var2
  return (t_fine * 5 + 128) // 256
end

-- Pressure in Pa from the raw reading (datasheet 8.1, double version); needs t_fine.
function M.comp_press(adc_P)
  local c = calib
  local var1 = t_fine / 2.0 - 64000.0
  local var2 = var1 * var1 * c.P6 / 32768.0
  var2 = var2 + var1 * c.P5 * 2.0
  var2 = var2 / 4.0 + c.P4 * 65536.0
  var1 = (c.P3 * var1 * var1 / 524288.0 + c.P2 * var1) / 524288.0
  var1 = (1.0 + var1 / 32768.0) * c.P1
  if var1 == 0 then
    return 0 -- avoid a division by zero
  end
  local p = 1048576.0 - adc_P
  p = (p - var2 / 4096.0) * 6250.0 / var1
  var1 = c.P9 * p * p / 2147483648.0
  var2 = p * c.P8 / 32768.0
  p = p + (var1 + var2 + c.P7) / 16.0
  if p < 30000 then
    p = 30000
  elseif p > 110000 then
    p = 110000
  end
  return p
end

-- Relative humidity in % from the raw reading (datasheet 8.1, double version); needs t_fine.
M.comp_hum = function(adc_H)
  local c = calib
  local h = t_fine - 76800.0
  h = (adc_H - (c.H4 * 64.0 + c.H5 / 16384.0 * h))
    * (c.H2 / 65536.0 * (1.0 + c.H6 / 67108864.0 * h * (1.0 + c.H3 / 67108864.0 * h)))
  h = h * (1.0 - c.H1 * h / 524288.0)
  if h > 100.0 then
    h = 100.0
  elseif h < 0.0 then
    h = 0.0
  end
  return h
end

local function c_to_f(c) return c * 9 / 5 + 32 end
M.c_to_f = c_to_f

-- Dew point in degrees C (Magnus formula, Sonntag's constants).
function M.dew_point(t, rh)
  if rh <= 0 then return nil end
  local a, b = 17.62, 243.12
  local gamma = log(rh / 100) + a * t / (b + t)
  return b * gamma / (a - gamma)
end

-- Pressure reduced to sea level (hPa) for the configured altitude.
function M.sea_level(p_pa, t)
  local alt = cfg.altitude
  local hpa = p_pa / 100
  if alt == 0 then return hpa end
  return hpa * (1 - 0.0065 * alt / (t + 0.0065 * alt + 273.15)) ^ -5.257
end

-- Heat index (apparent temperature) in degrees C: NOAA's Rothfusz regression with its
-- adjustments, in Fahrenheit inside.
function M.heat_index(t, rh)
  local f = c_to_f(t)
  local simple = 0.5 * (f + 61.0 + (f - 68.0) * 1.2 + rh * 0.094)
  if (simple + f) / 2 < 80 then return (simple - 32) * 5 / 9 end
  local hi = -42.379 + 2.04901523 * f + 10.14333127 * rh - 0.22475541 * f * rh
    - 6.83783e-3 * f * f - 5.481717e-2 * rh * rh + 1.22874e-3 * f * f * rh
    + 8.5282e-4 * f * rh * rh - 1.99e-6 * f * f * rh * rh
  if rh < 13 and f >= 80 and f <= 112 then
    hi = hi - ((13 - rh) / 4) * sqrt((17 - abs(f - 95)) / 17)
  elseif rh > 85 and f >= 80 and f <= 87 then
    hi = hi + ((rh - 85) / 10) * ((87 - f) / 5)
  end
  return (hi - 32) * 5 / 9
end

-- One sample from raw readings: {adc_T, adc_P, adc_H, pulses = anemometer pulses, secs}.
function M.reading(raw)
  if not calib.loaded then return nil, "not calibrated" end
  local t = M.comp_temp(raw[1]) / 100
  local p = M.comp_press(raw[2])
  local rh = M.comp_hum(raw[3])
  local wind = 0
  if raw.pulses and raw.secs and raw.secs > 0 then
    wind = raw.pulses / raw.secs * 0.667 -- m/s per Hz of this anemometer
  end
  return {
    t = floor(t * 100 + 0.5) / 100,
    p = floor(M.sea_level(p, t) * 10 + 0.5) / 10,
    rh = floor(rh * 10 + 0.5) / 10,
    dew = floor((M.dew_point(t, rh) or t) * 10 + 0.5) / 10,
    feels = floor(M.heat_index(t, rh) * 10 + 0.5) / 10,
    wind = floor(wind * 10 + 0.5) / 10,
  }
end

-- Adds a sample to the ring buffer (overwriting the oldest when full).
function M:push(s)
  head = head % RING_SIZE + 1
  ring.t[head], ring.p[head], ring.rh[head], ring.wind[head] = s.t, s.p, s.rh, s.wind
  if count < RING_SIZE then count = count + 1 end
  self.last = s
  return count
end

-- min, max, mean and standard deviation of one field over the buffered samples.
function M:stats(field)
  local column = ring[field or "t"]
  if not column then error("no such field: " .. tostring(field), 2) end
  if count == 0 then return nil end
  local lo, hi, sum = math.huge, -math.huge, 0
  for i = 1, count do
    local v = column[i]
    if v < lo then lo = v end
    if v > hi then hi = v end
    sum = sum + v
  end
  local mean = sum / count
  local sq = 0
  for i = 1, count do
    local d = column[i] - mean
    sq = sq + d * d
  end
  return lo, hi, mean, count > 1 and sqrt(sq / (count - 1)) or 0
end

-- CRC-16/CCITT-FALSE of a string (the radio link's frame check), table-driven.
function M.crc16(s, crc)
  if not crc_table then
    crc_table = {}
    for i = 0, 255 do
      local c = i << 8
      for _ = 1, 8 do
        c = (c & 0x8000 ~= 0) and ((c << 1) ~ 0x1021) or (c << 1)
      end
      crc_table[i] = c & 0xFFFF
    end
  end
  crc = crc or 0xFFFF
  for i = 1, #s do
    crc = ((crc << 8) & 0xFFFF) ~ crc_table[((crc >> 8) ~ byte(s, i)) & 0xFF]
  end
  return crc
end

-- JSON text of a value: tables with keys 1..n are arrays, others objects with sorted keys.
local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local encode
encode = function(v)
  local kind = type(v)
  if kind == "string" then
    return '"' .. v:gsub('[%c"\\]', function(c) return escapes[c] or fmt("\\u%04x", byte(c)) end) .. '"'
  elseif kind == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    return math.type(v) == "integer" and tostring(v) or fmt("%.14g", v)
  elseif kind == "boolean" then
    return tostring(v)
  elseif kind == "nil" then
    return "null"
  elseif kind ~= "table" then
    error("cannot encode a " .. kind)
  end
  local out, n = {}, #v
  if n > 0 or next(v) == nil then
    for i = 1, n do out[i] = encode(v[i]) end
    return "[" .. concat(out, ",") .. "]"
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for i, k in ipairs(keys) do out[i] = encode(k) .. ":" .. encode(v[k]) end
  return "{" .. concat(out, ",") .. "}"
end
M.encode = encode

-- Percent-encoding for query strings (RFC 3986 unreserved characters stay).
function M.url_encode(s)
  return (tostring(s):gsub("[^%w%-%._~]", function(c) return fmt("%%%02X", byte(c)) end))
end

-- An HTTP/1.1 GET request for the upload endpoint: sorted query, Host and a checksum header.
function M.request_line(sample)
  local params = { station = cfg.station, key = cfg.key }
  for k, v in pairs(sample) do params[k] = v end
  local keys = {}
  for k in pairs(params) do keys[#keys + 1] = k end
  table.sort(keys)
  local query = {}
  for i, k in ipairs(keys) do
    query[i] = M.url_encode(k) .. "=" .. M.url_encode(params[k])
  end
  local target = cfg.path .. "?" .. concat(query, "&")
  return concat({
    "GET " .. target .. " HTTP/1.1",
    "Host: " .. cfg.host,
    "User-Agent: nodemcu-weather/" .. M.VERSION,
    fmt("X-Checksum: %04X", M.crc16(target)),
    "Connection: close",
    "", "",
  }, "\r\n")
end

-- Two 16-character lines for the LCD, in the configured units.
function M.format_line(s)
  local imperial = cfg.units == "imperial"
  local t = imperial and c_to_f(s.t) or s.t
  local wind = imperial and s.wind * 2.23694 or s.wind * 3.6
  local line1 = fmt("%5.1f%s %3d%%", t, imperial and "F" or "C", floor(s.rh + 0.5))
  local arrow = ""
  if count >= 2 then
    local prev = ring.p[(head - 2) % RING_SIZE + 1]
    arrow = s.p > prev + 0.5 and "^" or s.p < prev - 0.5 and "v" or "="
  end
  line1 = line1 .. (" "):rep(16 - #line1 - #arrow) .. arrow
  local line2 = fmt("%4.0fhPa %3.0f%s", s.p, wind, imperial and "mph" or "kmh")
  if #line2 > 16 then line2 = line2:sub(1, 16) end
  return line1 .. (" "):rep(16 - #line1), line2 .. (" "):rep(16 - #line2)
end

-- Alarms with hysteresis: returns the list of changes ("t_high on", "wind_high off", ...).
function M.check_alarms(s)
  local h = cfg.hysteresis
  local changes = {}
  local function update(name, value, limit, above)
    local on = alarm_state[name]
    local now
    if above then
      now = on and value > limit - h or value > limit
    else
      now = on and value < limit + h or value < limit
    end
    if now ~= on then
      alarm_state[name] = now
      changes[#changes + 1] = name .. (now and " on" or " off")
    end
  end
  update("t_high", s.t, cfg.t_high, true)
  update("t_low", s.t, cfg.t_low, false)
  update("rh_high", s.rh, cfg.rh_high, true)
  update("wind_high", s.wind, cfg.wind_high, true)
  return changes
end

return M
