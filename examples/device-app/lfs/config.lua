-- config: the settings, as defaults overridden by "key = value" lines of a file in the file
-- system ('#' starts a comment). Values that look like numbers are numbers; text may be in
-- double quotes. A key without a default, or a number where the default is text (or the
-- reverse), is reported, not used.
--
-- The defaults are one long string in the same format: in LFS it stays in flash, and the
-- application loads this module once at start and lets it go.
local config = {}

local DEFAULTS = [[
name = node
sample_s = 10
report_s = 300
heartbeat_s = 60
run_s = 3600
window = 30
log_max = 4096
reports_max = 8192
log_level = INFO
print_level = INFO
alarm_high = 25.0
alarm_low = 18.0
hysteresis = 0.5
seed = 4242
]]

-- Calls f(key, value, line number) for every setting in text; returns the malformed lines.
local function parse(text, f)
  local bad, n = {}, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    line = line:gsub("#.*", ""):match("^%s*(.-)%s*$")
    if line ~= "" then
      local key, value = line:match("^([%w_]+)%s*=%s*(.-)$")
      if key and value ~= "" then
        f(key, tonumber(value) or value:match('^"(.*)"$') or value, n)
      else
        bad[#bad + 1] = n
      end
    end
  end
  return bad
end

-- The settings (a table) and a list of problems (strings, possibly empty).
function config.load(name)
  local cfg, problems = {}, {}
  parse(DEFAULTS, function(key, value) cfg[key] = value end)
  local text = file.getcontents(name)
  if not text then
    problems[1] = name .. " not found: using the defaults"
    return cfg, problems
  end
  local bad = parse(text, function(key, value, n)
    local default = cfg[key]
    if default == nil then
      problems[#problems + 1] = ("%s:%d: unknown setting '%s'"):format(name, n, key)
    elseif type(default) ~= type(value) then
      problems[#problems + 1] = ("%s:%d: '%s' must be a %s"):format(name, n, key, type(default))
    else
      cfg[key] = value
    end
  end)
  for _, n in ipairs(bad) do problems[#problems + 1] = ("%s:%d: expected 'key = value'"):format(name, n) end
  return cfg, problems
end

return config
