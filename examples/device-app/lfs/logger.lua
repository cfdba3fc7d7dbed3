-- logger: a size-bounded log file in the file system. append() adds a line to the file
-- (opened, written and closed each time, so a power cut loses at most the line being written);
-- before a line would take the file past `max` bytes the file is rotated: the old copy
-- (log.1.txt) is removed and the file (log.txt) becomes it, so the log never takes more than
-- twice `max` of flash. log() writes a line with the uptime and a level letter and prints it
-- on the console from a level up. The reporter keeps reports.txt with an append-only logger.
local logger = {}
logger.__index = logger

-- DEBUG, INFO, WARN, ERROR: 1..4, from the first letter.
local function level(name)
  return ("DIWE"):find(tostring(name):sub(1, 1), 1, true) or 2
end

-- logger.new("log.txt", "log.1.txt", 4096 [, file level [, console level]])
function logger.new(name, old, max, file_level, print_level)
  return setmetatable({
    name = name, old = old, max = max, level = level(file_level), print_level = level(print_level or "ERROR"),
    size = file.list()[name] or 0, lines = 0, rotations = 0, failed = 0,
  }, logger)
end

function logger:rotate()
  file.remove(self.old)
  file.rename(self.name, self.old)
  self.size = 0
  self.rotations = self.rotations + 1
end

-- Appends a line; false when the file system is full (the line is lost).
function logger:append(line)
  if self.size + #line + 1 > self.max then self:rotate() end
  local f = file.open(self.name, "a")
  local ok = f and f:writeline(line)
  if f then f:close() end
  if not ok then
    self.failed = self.failed + 1
    return false
  end
  self.size = self.size + #line + 1
  self.lines = self.lines + 1
  return true
end

-- log("INFO", format, ...)
function logger:log(lvl, fmt, ...)
  local n = level(lvl)
  if n < self.level and n < self.print_level then return end
  local s = tmr.time()
  local line = ("%02d:%02d:%02d %s %s"):format(s // 3600, s // 60 % 60, s % 60, lvl:sub(1, 1), fmt:format(...))
  if n >= self.print_level then print(line) end
  if n >= self.level then self:append(line) end
end

return logger
