-- A logger with levels that keeps the last few lines in a ring (a device has no disk to spare)
-- and counts what it dropped.
local logger = {}
logger.__index = logger

-- Levels 1..4: DEBUG, INFO, WARN, ERROR (names found in a string, not kept in tables).
local function level_of(name)
  local at = (" DEBUG INFO  WARN  ERROR "):find(" " .. name .. " ", 1, true)
  return at and (at + 5) // 6
end

function logger.new(level, keep, clock)
  return setmetatable({
    level = level_of(level) or 2,
    keep = keep or 8,
    lines = {},
    next = 1,
    written = 0,
    counts = { 0, 0, 0, 0 },
    clock = clock or os.time,
  }, logger)
end

local function stamp(ms)
  local s = ms // 1000
  return ("%02d:%02d:%02d.%03d"):format(s // 3600 % 24, s // 60 % 60, s % 60, ms % 1000)
end

function logger:log(level, fmt, ...)
  local n = level_of(level)
  self.counts[n] = self.counts[n] + 1
  if n < self.level then return false end
  local line = stamp(self.clock()) .. " " .. level .. " " .. fmt:format(...)
  self.lines[self.next] = line
  self.next = self.next % self.keep + 1
  self.written = self.written + 1
  return true
end

function logger:debug(...) return self:log("DEBUG", ...) end
function logger:info(...) return self:log("INFO", ...) end
function logger:warn(...) return self:log("WARN", ...) end
function logger:error(...) return self:log("ERROR", ...) end

-- The kept lines, oldest first.
function logger:tail()
  local out = {}
  local count = math.min(self.written, self.keep)
  local first = self.written > self.keep and self.next or 1
  for i = 0, count - 1 do out[#out + 1] = self.lines[(first - 1 + i) % self.keep + 1] end
  return out
end

function logger:summary()
  return ("%d debug, %d info, %d warn, %d error; %d kept of %d written"):format(
    self.counts[1], self.counts[2], self.counts[3], self.counts[4],
    math.min(self.written, self.keep), self.written)
end

return logger
