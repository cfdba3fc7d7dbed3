-- pairs and __pairs
local t = {1, 2, 3, a = "x"}
local f, s, k = pairs(t)
print(f == next, s == t, k)
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
local mt = {__pairs = function(self) return function(_, k) if not k then return 1, "one" elseif k < 3 then return k + 1, "more" end end, self, nil end}
for k, v in pairs(setmetatable({}, mt)) do io.write(k, "=", v, " ") end print()
local three = setmetatable({}, {__pairs = function() return 1, 2, 3, 4 end})
print(pairs(three))
print(pcall(pairs))
local a, b, c = pairs(nil)
print(a == next, b, c)
a, b, c = pairs(1)
print(a == next, b, c)
print(pcall(function() for k in pairs(nil) do end end))
print(pcall(function() for k in pairs("str") do end end))
print(pcall(pairs, setmetatable({}, {__pairs = function() error("in __pairs") end})))
print(pcall(pairs, setmetatable({}, {__pairs = 5})))
-- sorted iteration
local keys = {}
for k in pairs({b = 1, a = 2, c = 3, 1, 2}) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, ","))
