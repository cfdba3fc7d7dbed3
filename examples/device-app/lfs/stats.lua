-- stats: a series of readings. The last `size` of them are kept in a ring buffer (constant
-- memory however long the device runs) for window statistics; every reading also updates the
-- running count, sum, minimum and maximum since the start.
local stats = {}
stats.__index = stats

function stats.new(size)
  return setmetatable({ size = size, head = 0, n = 0, ring = {},
    count = 0, sum = 0, min = math.huge, max = -math.huge }, stats)
end

function stats:push(v)
  self.head = self.head % self.size + 1
  self.ring[self.head] = v
  if self.n < self.size then self.n = self.n + 1 end
  self.count, self.sum = self.count + 1, self.sum + v
  if v < self.min then self.min = v end
  if v > self.max then self.max = v end
end

-- The i-th oldest reading of the window (1 = oldest).
function stats:get(i)
  if i >= 1 and i <= self.n then return self.ring[(self.head - self.n + i - 1) % self.size + 1] end
end

function stats:latest() return self:get(self.n) end

-- Over the window: count, mean, minimum, maximum (nil when empty).
function stats:window()
  if self.n == 0 then return nil end
  local sum, min, max = 0, math.huge, -math.huge
  for i = 1, self.n do
    local v = self.ring[i]
    sum = sum + v
    if v < min then min = v end
    if v > max then max = v end
  end
  return self.n, sum / self.n, min, max
end

-- Since the start: count, mean, minimum, maximum (nil when empty).
function stats:total()
  if self.count == 0 then return nil end
  return self.count, self.sum / self.count, self.min, self.max
end

-- Least-squares slope of the window, in units per reading.
function stats:trend()
  local n, sx, sy, sxx, sxy = self.n, 0, 0, 0, 0
  for i = 1, n do
    local v = self:get(i)
    sx, sy, sxx, sxy = sx + i, sy + v, sxx + i * i, sxy + i * v
  end
  local d = n * sxx - sx * sx
  return d == 0 and 0 or (n * sxy - sx * sy) / d
end

return stats
