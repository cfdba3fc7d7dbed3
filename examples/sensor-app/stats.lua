-- Running statistics over a window of samples.
local stats = {}

function stats.summary(buffer)
  local n, sum, min, max = 0, 0, math.huge, -math.huge
  for v in buffer:values() do
    n = n + 1
    sum = sum + v
    if v < min then min = v end
    if v > max then max = v end
  end
  if n == 0 then return nil end
  return { n = n, mean = sum / n, min = min, max = max }
end

return stats
