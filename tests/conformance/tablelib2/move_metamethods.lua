-- table.move goes through __index and __newindex
local log = {}
local src = setmetatable({}, {__index = function(_, k) log[#log + 1] = "get" .. k return k * 10 end})
local dst = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = "set" .. k .. "=" .. v rawset(t, k, v) end})
table.move(src, 1, 3, 2, dst)
print(table.concat(log, " "))
print(rawget(dst, 2), rawget(dst, 3), rawget(dst, 4))
log = {}
local ov = setmetatable({}, {__index = function(_, k) log[#log + 1] = "g" .. k return nil end,
  __newindex = function(t, k, v) log[#log + 1] = "s" .. k rawset(t, k, v) end})
table.move(ov, 1, 3, 2)
print(table.concat(log, " "))
