-- Heap bytes that requiring modules costs: `heap.lua name1,name2,...` requires each (from
-- wherever package.path and the searchers find it: source, .lc or an LFS image) and prints the
-- growth of the collected heap in bytes. Runs on flashlua and on lua5.3.
local names = assert(..., "usage: heap.lua name1,name2,...")
collectgarbage()
collectgarbage()
local before = collectgarbage("count")
local loaded = 0
for name in names:gmatch("[^,]+") do
  require(name)
  loaded = loaded + 1
end
collectgarbage()
collectgarbage()
print(("%d modules, %d bytes"):format(loaded, math.floor((collectgarbage("count") - before) * 1024 + 0.5)))
