local t = setmetatable({1, 2, 3}, {__len = function(self) return 42 end})
print(#t, rawlen(t))
local s = setmetatable({}, {__len = function() return "not a number" end})
print(#s)
local m = setmetatable({}, {__len = function() return 1, 2 end})
print(#m, select('#', #m))
-- __len receives the table
local self_len = setmetatable({a = 1, b = 2}, {__len = function(self) local n = 0 for _ in pairs(self) do n = n + 1 end return n end})
print(#self_len)
-- ipairs does not use __len (5.3 respects __index)
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end, __len = function() return 3 end})
for i, v in ipairs(proxy) do io.write(i, "=", v, " ") end print()
print(#proxy)
-- table.unpack / table.concat / table.insert use __len and __index in 5.3
print(table.unpack(proxy))
print(table.concat(proxy, ","))
-- __len on strings is not consulted
print(#"abc")
