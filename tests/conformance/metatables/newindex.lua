local store = {}
local t = setmetatable({}, {__newindex = store})
t.a = 1
print(rawget(t, "a"), store.a)
-- existing keys are assigned directly
rawset(t, "b", 2)
t.b = 20
print(rawget(t, "b"), store.b)
-- __newindex function
local log = {}
local u = setmetatable({}, {__newindex = function(tbl, k, v) log[#log + 1] = tostring(k) .. "=" .. tostring(v) rawset(tbl, k, v) end})
u.x = 1; u.x = 2; u[1] = "one"; u.y = nil
print(table.concat(log, " "), u.x, u[1])
-- chain of __newindex tables
local final = {}
local mid = setmetatable({}, {__newindex = final})
local top = setmetatable({}, {__newindex = mid})
top.k = "v"
print(rawget(top, "k"), rawget(mid, "k"), final.k)
-- read-only table
local ro = setmetatable({}, {__index = {x = 1}, __newindex = function(t, k) error("read-only field " .. k, 2) end})
print(ro.x, pcall(function() ro.y = 5 end))
-- assigning nil to an absent key also triggers __newindex
local seen = false
local n = setmetatable({}, {__newindex = function() seen = true end})
n.z = nil
print(seen)
