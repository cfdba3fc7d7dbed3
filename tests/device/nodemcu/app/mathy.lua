-- An LFS module computing with the chip's numbers: 32-bit integers wrap, floats are single.
local M = {}
local function average(t)
  local sum = 0
  for _, v in ipairs(t) do sum = sum + v end
  return sum / #t
end
function M.report()
  return {
    "wrap " .. tostring(0x7fffffff + 1) .. " " .. tostring(math.maxinteger * 2),
    "float " .. tostring(1 / 3) .. " " .. tostring(2 ^ 31) .. " " .. tostring(16777217 + 0.0),
    "shift " .. tostring(1 << 31) .. " " .. tostring(-1 >> 1),
    "average " .. tostring(average({ 21.5, 22.25, 23.0 })),
    "format " .. string.format("%x %5.2f %d", -1, 1 / 3, 3000000000 // 1000),
  }
end
function M.fail(what)
  error("sensor " .. what .. " failed")
end
return M
