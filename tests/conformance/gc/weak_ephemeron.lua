-- weak-key tables are ephemerons: a value referring to its own key does not keep it alive
local eph = setmetatable({}, {__mode = "k"})
local function fill()
  local k = {}
  eph[k] = {ref = k}
  local k2 = {}
  eph[k2] = k2
end
fill()
collectgarbage()
print(next(eph))
-- a chain: key reachable only through another ephemeron entry that is alive
local root = {}
local function fill2()
  local inner = {}
  eph[root] = inner
  eph[inner] = "reached through root"
end
fill2()
collectgarbage()
local n = 0
for k, v in pairs(eph) do n = n + 1 end
print(n)
