-- A simulated temperature sensor: a deterministic daily curve plus noise.
local sensor = {}
local seed = 12345

local function noise()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed % 1000) / 1000 - 0.5
end

function sensor.read(t)
  local hour = (t / 3600) % 24
  local base = 21 + 9 * math.sin((hour - 9) / 24 * 2 * math.pi)
  return math.floor((base + noise()) * 10 + 0.5) / 10
end

return sensor
