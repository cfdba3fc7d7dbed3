-- A soil-moisture station: a few functions run every sample, most run once at boot or once a
-- quarter of an hour. Written as any NodeMCU module; softmodule decides where its code lives.
local M = {}

local config = {}
local samples, count, next_slot = {}, 0, 1
local SLOTS = 32
local totals = { readings = 0, alarms = 0, reports = 0 }

-- once at boot -------------------------------------------------------------------------------

-- "key = value" lines; numbers become numbers, # starts a comment.
function M.parse_config(text)
    local t = {}
    for line in text:gmatch("[^\n]+") do
        line = line:gsub("#.*", "")
        local key, value = line:match("^%s*([%w_]+)%s*=%s*(.-)%s*$")
        if key then t[key] = tonumber(value) or value end
    end
    return t
end

function M.validate(t)
    local problems = {}
    local function need(key, kind, lo, hi)
        local v = t[key]
        if type(v) ~= kind then
            problems[#problems + 1] = key .. " must be a " .. kind
        elseif lo and (v < lo or v > hi) then
            problems[#problems + 1] = string.format("%s must be within %s..%s (is %s)", key, lo, hi, v)
        end
    end
    need("name", "string")
    need("dry", "number", 0, 1023)
    need("wet", "number", 0, 1023)
    need("alarm_below", "number", 0, 100)
    need("report_every", "number", 60, 86400)
    if #problems > 0 then return nil, table.concat(problems, "; ") end
    if t.dry <= t.wet then return nil, "dry must read higher than wet" end
    return true
end

function M:configure(text)
    local t = self.parse_config(text)
    local ok, why = self.validate(t)
    if not ok then error("bad configuration: " .. why, 2) end
    config = t
    for i = 1, SLOTS do samples[i] = false end
    return config.name
end

-- every sample -------------------------------------------------------------------------------

-- Raw ADC (dry high, wet low) to percent moisture.
function M.moisture(raw)
    local pct = (config.dry - raw) * 100 / (config.dry - config.wet)
    return math.max(0, math.min(100, pct))
end

function M.push(pct)
    samples[next_slot] = pct
    next_slot = next_slot % SLOTS + 1
    count = math.min(count + 1, SLOTS)
    totals.readings = totals.readings + 1
    if pct < config.alarm_below then
        totals.alarms = totals.alarms + 1
        return true
    end
    return false
end

-- every report -------------------------------------------------------------------------------

function M.stats()
    local lo, hi, sum = math.huge, -math.huge, 0
    for i = 1, count do
        local v = samples[i]
        lo, hi, sum = math.min(lo, v), math.max(hi, v), sum + v
    end
    if count == 0 then return nil end
    return { min = lo, max = hi, mean = sum / count, n = count }
end

local function encode(v)
    local kind = type(v)
    if kind == "number" then
        return v == math.floor(v) and string.format("%d", v) or string.format("%.1f", v)
    elseif kind == "string" then
        return '"' .. v:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
    elseif kind == "table" then
        local keys = {}
        for k in pairs(v) do keys[#keys + 1] = k end
        table.sort(keys)
        for i, k in ipairs(keys) do keys[i] = '"' .. k .. '":' .. encode(v[k]) end
        return "{" .. table.concat(keys, ",") .. "}"
    end
    return "null"
end
M.encode = encode

function M.report(uptime)
    totals.reports = totals.reports + 1
    local s = M.stats() or {}
    return encode { station = config.name, t = uptime, moisture = s, readings = totals.readings, alarms = totals.alarms }
end

function M.summary()
    return string.format("%s: %d readings, %d alarms, %d reports", config.name, totals.readings, totals.alarms, totals.reports)
end

return M
