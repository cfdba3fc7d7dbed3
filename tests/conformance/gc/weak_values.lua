local cache = setmetatable({}, {__mode = "v"})
local keep = {}
local function fill()
  cache.a = {}
  cache.b = {}
  keep.b = cache.b
  cache.s = "strings are values, never collected"
  cache.n = 42
  cache.f = function() end
  cache.c = setmetatable({}, {})
end
fill()
collectgarbage()
local names = {}
for k in pairs(cache) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(cache.b == keep.b, cache.s, cache.n)
