-- insert/remove shift elements through __index/__newindex
local store = {}
local log = {}
local p = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "r" .. k return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "w" .. k .. ":" .. tostring(v) store[k] = v end,
  __len = function() return #store end,
})
table.insert(p, "a")
table.insert(p, "b")
table.insert(p, 1, "c")
print(table.concat(store, ","))
print(table.concat(log, " "))
log = {}
print(table.remove(p, 1))
print(table.concat(log, " "))
log = {}
print(table.remove(p))
print(table.concat(log, " "))
