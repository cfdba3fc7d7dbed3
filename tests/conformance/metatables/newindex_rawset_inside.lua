-- a typical "tracked table" using rawset inside __newindex
local changes = {}
local tracked = setmetatable({}, {__newindex = function(t, k, v)
  changes[#changes + 1] = tostring(k)
  rawset(t, k, v)
end})
tracked.a = 1
tracked.b = 2
tracked.a = 3  -- existing key: no metamethod
tracked[1] = "x"
print(table.concat(changes, ","), tracked.a, tracked.b, tracked[1])
-- a proxy that keeps the table empty so every write is seen
local store = {}
local proxy = setmetatable({}, {__index = store, __newindex = function(_, k, v) changes[#changes + 1] = "p" .. k store[k] = v end})
proxy.x = 1 proxy.x = 2 proxy.x = nil proxy.x = 4
print(table.concat(changes, ","), proxy.x, rawget(proxy, "x"))
