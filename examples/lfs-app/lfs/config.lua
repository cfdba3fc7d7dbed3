-- Device configuration: defaults, overrides (as read from settings.txt on the device), and
-- validation of every field against its declared type and range.
--
-- The schema is one long string, not a table of tables: in LFS the string lies in flash and
-- costs no heap, and a rule is read out of it only when a setting is checked.
local config = {}

--        key          type    default                 min   max       allowed values
local SCHEMA = [[
name        string  greenhouse-7
sample_ms   number  5000                    100   3600000
report_ms   number  60000                   1000  86400000
window      number  12                      2     64
alarm_high  number  31.5
alarm_low   number  12.0
log_level   string  INFO                    -     -         DEBUG,INFO,WARN,ERROR
log_keep    number  4                       1     64
mqtt_topic  string  greenhouse-7/telemetry
http_port   number  80                      1     65535
i2c_address number  118
]]

local function convert(kind, text)
  if kind == "number" then return tonumber(text) end
  return text
end

-- type, default, min, max, allowed values (a comma-separated string) of one setting
local function rule(key)
  local line = SCHEMA:match("%f[^\n%z]" .. key .. " +([^\n]*)")
  if not line then return nil end
  local kind, default, min, max, allowed = line:match("^(%S+) +(%S+) *(%S*) *(%S*) *(%S*)")
  return kind, convert(kind, default), tonumber(min), tonumber(max), allowed ~= "" and allowed or nil
end

local function check(key, value)
  local kind, _, min, max, allowed = rule(key)
  if not kind then return nil, "unknown setting '" .. tostring(key) .. "'" end
  if type(value) ~= kind then
    return nil, ("setting '%s': %s expected, got %s"):format(key, kind, type(value))
  end
  if min and value < min or max and value > max then
    return nil, ("setting '%s': %s out of range [%s, %s]"):format(key, tostring(value), min, max)
  end
  if allowed and not ("," .. allowed .. ","):find("," .. value .. ",", 1, true) then
    return nil, ("setting '%s': '%s' is not one of %s"):format(key, value, allowed)
  end
  return value
end

-- Parses "key = value" lines (numbers, quoted strings, true/false); '#' starts a comment.
function config.parse(text)
  local settings, errors = {}, {}
  local n = 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    line = line:gsub("#.*$", ""):match("^%s*(.-)%s*$")
    if line ~= "" then
      local key, raw = line:match("^([%w_]+)%s*=%s*(.+)$")
      if not key then
        errors[#errors + 1] = ("line %d: expected 'key = value'"):format(n)
      else
        local value = tonumber(raw)
        if value == nil then
          if raw == "true" then value = true
          elseif raw == "false" then value = false
          else value = raw:match('^"(.*)"$') or raw end
        end
        settings[key] = value
      end
    end
  end
  return settings, errors
end

-- The configuration: defaults with the valid overrides applied; problems are returned as a list.
function config.load(overrides)
  local cfg, problems = {}, {}
  for key, kind, default in SCHEMA:gmatch("([%w_]+) +(%S+) +(%S+)[^\n]*\n") do
    cfg[key] = convert(kind, default)
  end
  local keys = {}
  for key in pairs(overrides or {}) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do
    local value, why = check(key, overrides[key])
    if value == nil then problems[#problems + 1] = why else cfg[key] = value end
  end
  return cfg, problems
end

config.rule = rule

return config
