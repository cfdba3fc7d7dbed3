-- order of evaluation in multiple assignment as lua 5.3 does it
local log = {}
local mt = {__newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(t, k, v) end}
local t = setmetatable({}, mt)
t.a, t.b, t.c = 1, 2, 3
print(table.concat(log, " "))
log = {}
local function v(x) log[#log + 1] = "eval" .. x; return x end
t.d, t.e = v(1), v(2)
print(table.concat(log, " "))
-- globals
local order = {}
setmetatable(_ENV, {__newindex = function(e, k, val) order[#order + 1] = k; rawset(e, k, val) end})
g1, g2, g3 = 1, 2, 3
print(table.concat(order, " "))
setmetatable(_ENV, nil)
-- same variable twice
local a
a, a = 1, 2
print(a)
local tt = {}
tt.x, tt.x = "first", "second"
print(tt.x)
-- index expression evaluated before assignment
local arr = {}
local i = 1
i, arr[i] = 2, "val"
print(i, arr[1], arr[2])
