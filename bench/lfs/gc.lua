-- Time of a full collection: `gc.lua name1,name2,...` requires the modules (from source files
-- or an LFS image, as package.path and --lfs decide; "-" for none), then times collectgarbage()
-- in 9 rounds, each long enough for the clock (at least 20 ms), against a reference loop (pure
-- arithmetic, no allocation) timed in the same round. Prints the medians: microseconds per
-- collection, and a collection's time relative to the reference loop (the machine's speed moves
-- between processes; the ratio much less).
local names = ... or "-"
local keep = {}
for name in names:gmatch("[^,]+") do
  if name ~= "-" then keep[#keep + 1] = require(name) end
end

local function reference()
  local x = 0
  for i = 1, 20000 do x = (x * 31 + i) % 1000003 end
  return x
end

local count = 20
repeat
  local t0 = os.clock()
  for _ = 1, count do collectgarbage() end
  local enough = os.clock() - t0 >= 0.02
  if not enough then count = count * 2 end
until enough

local us, rel = {}, {}
for r = 1, 9 do
  local t0 = os.clock()
  for _ = 1, count do collectgarbage() end
  local t1 = os.clock()
  for _ = 1, 10 do reference() end
  local t2 = os.clock()
  us[r] = (t1 - t0) / count * 1e6
  rel[r] = ((t1 - t0) / count) / ((t2 - t1) / 10)
end
table.sort(us)
table.sort(rel)
print(("%d modules: %.1f us per full collection, %.4f of the reference loop, heap %.1f KB"):format(
  #keep, us[5], rel[5], collectgarbage("count")))
