-- table library functions respect __index/__newindex/__len in 5.3
local log = {}
local backing = {10, 20, 30}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get" .. k return backing[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set" .. k backing[k] = v end,
  __len = function() return #backing end,
})
table.insert(proxy, 40)
print(table.concat(backing, ","), table.concat(log, " "))
log = {}
print(table.remove(proxy, 1), table.concat(backing, ","))
print(table.concat(log, " "))
log = {}
print(table.concat(proxy, "+"))
print(table.unpack(proxy))
table.sort(proxy, function(a, b) return a > b end)
print(table.concat(backing, ","))
