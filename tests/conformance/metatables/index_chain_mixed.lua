-- chains that mix tables and functions
local log = {}
local f1 = function(t, k) log[#log + 1] = "f1:" .. k return nil end
local level3 = setmetatable({}, {__index = f1})
local level2 = setmetatable({deep = "found in level2"}, {__index = level3})
local level1 = setmetatable({}, {__index = level2})
print(level1.deep, level1.missing)
print(table.concat(log, " "))
-- __index set to a table that itself has __index function
local t = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) return k .. "!" end})})
print(t.hello, t[1])
-- __index on non-table values via debug.setmetatable is not used here; numbers have no metatable
print(pcall(function() local n = 5 return n.x end))
print(getmetatable(5), getmetatable(nil), getmetatable(print))
-- __index is a metatable field, not a table field
local notmeta = {__index = {a = 1}}
print(notmeta.a)
print(setmetatable({}, notmeta).a)
-- changing the metatable's __index after the fact
local mt = {}
local obj = setmetatable({}, mt)
print(obj.v)
mt.__index = {v = "now present"}
print(obj.v)
mt.__index = nil
print(obj.v)
