-- Statistics over a window of samples (anything with :values()): count, mean, standard
-- deviation, min, max, median, and an exponential moving average object.
local stats = {}

function stats.summary(buffer)
  local n, sum, sumsq, min, max = 0, 0, 0, math.huge, -math.huge
  local sorted = {}
  for v in buffer:values() do
    n = n + 1
    sum = sum + v
    sumsq = sumsq + v * v
    if v < min then min = v end
    if v > max then max = v end
    sorted[n] = v
  end
  if n == 0 then return nil end
  table.sort(sorted)
  local median = n % 2 == 1 and sorted[(n + 1) // 2] or (sorted[n // 2] + sorted[n // 2 + 1]) / 2
  local mean = sum / n
  local var = n > 1 and (sumsq - n * mean * mean) / (n - 1) or 0
  return { n = n, mean = mean, sd = math.sqrt(math.max(var, 0)), min = min, max = max, median = median }
end

-- The slope of a least-squares line through the window (units per sample).
function stats.trend(buffer)
  local n, sx, sy, sxx, sxy = 0, 0, 0, 0, 0
  for v in buffer:values() do
    n = n + 1
    sx, sy, sxx, sxy = sx + n, sy + v, sxx + n * n, sxy + n * v
  end
  local d = n * sxx - sx * sx
  if d == 0 then return 0 end
  return (n * sxy - sx * sy) / d
end

local EMA = {}
EMA.__index = EMA

function stats.ema(alpha)
  return setmetatable({ alpha = alpha, value = nil }, EMA)
end

function EMA:update(x)
  if self.value == nil then self.value = x
  else self.value = self.value + self.alpha * (x - self.value) end
  return self.value
end

function stats.round(x, places)
  local m = 10 ^ (places or 0)
  return math.floor(x * m + 0.5) / m
end

return stats
