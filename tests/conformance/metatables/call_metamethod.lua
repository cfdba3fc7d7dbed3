local obj = setmetatable({name = "obj"}, {__call = function(self, a, b) return self.name, a, b end})
print(obj(1, 2))
print(pcall(obj, "p"))
-- __call on a table used as a method and in a tail position
local o = {f = obj}
print(o.f("x"))
print(select("#", o:f()), type((select(2, o:f()))))
local function tc() return obj("tail") end
print(tc())
-- a callable whose __call is itself a callable table (chained)
local inner = setmetatable({}, {__call = function(self, ...) return "inner", select('#', ...), ... end})
local outer = setmetatable({}, {__call = inner})
print(pcall(outer, "arg"))
-- callable tables in library functions
print(pcall(table.sort, {3, 1, 2}, setmetatable({}, {__call = function(_, a, b) return a < b end})))
local t = {3, 1, 2}
print(pcall(table.sort, t, setmetatable({}, {__call = function(_, a, b) return a > b end})))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ","))
print(string.gsub("abc", "%w", setmetatable({}, {__index = function(_, c) return c:upper() end})))
print(pcall(string.gsub, "abc", "%w", setmetatable({}, {__call = function() return "X" end})))
-- xpcall with a callable handler and pcall of a callable
print(pcall(xpcall, error, setmetatable({}, {__call = function(_, m) return "handled " .. tostring(m) end}), "oops"))
-- not callable
print(pcall(setmetatable({}, {})))
print(pcall(setmetatable({}, {__call = 1})))
