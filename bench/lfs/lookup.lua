-- Module lookup time in an LFS image of N modules named m00001 ... (genmodules.lua small):
-- `flashlua --lfs-first --lfs IMAGE lookup.lua N [LOOKUPS]` times LOOKUPS calls of
-- node.LFS.get(name) and of require(name) with the module forgotten each time (so require runs
-- the LFS searcher and the module), the names spread over the whole image. A reference loop
-- of the same shape (a table lookup by name and a new closure per iteration, nothing from the
-- image) is timed in the same round, and the lookups are reported relative to it as well as in
-- nanoseconds: the machine's speed moves between processes, the ratio much less. Medians of 7
-- rounds.
local n, lookups = tonumber((...)), tonumber((select(2, ...))) or 50000
local names = {}
for i = 1, 64 do names[i] = ("m%05d"):format((i * 7919) % n + 1) end
local get, loaded = node.LFS.get, package.loaded
local known = {}
for i = 1, 64 do known[names[i]] = i end

local function median(t)
  table.sort(t)
  return t[(#t + 1) // 2]
end

local function time(body)
  collectgarbage()
  local t0 = os.clock()
  body()
  return (os.clock() - t0) / lookups * 1e9
end

local function reference()
  for i = 1, lookups do
    local f = function() return known end
    if not f()[names[i % 64 + 1]] then error("name not found") end
  end
end

local function lfs_get()
  for i = 1, lookups do
    if not get(names[i % 64 + 1]) then error("module not found") end
  end
end

local function lfs_require()
  for i = 1, lookups do
    local name = names[i % 64 + 1]
    loaded[name] = nil
    require(name)
  end
end

local get_ns, req_ns, get_rel, req_rel = {}, {}, {}, {}
for r = 1, 7 do
  local ref = time(reference)
  get_ns[r], req_ns[r] = time(lfs_get), time(lfs_require)
  get_rel[r], req_rel[r] = get_ns[r] / ref, req_ns[r] / ref
end
print(("%d modules: get %.1f ns, require %.1f ns; relative to the reference loop: get %.3f, require %.3f"):format(
  n, median(get_ns), median(req_ns), median(get_rel), median(req_rel)))
