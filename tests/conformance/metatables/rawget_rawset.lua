local t = setmetatable({}, {
  __index = function(_, k) return "meta " .. k end,
  __newindex = function(_, k) error("no writes: " .. k) end,
})
print(t.x, rawget(t, "x"))
print(pcall(function() t.x = 1 end))
rawset(t, "x", "raw")
print(t.x, rawget(t, "x"))
print(rawset(t, "y", 2) == t)
print(rawlen(t), rawlen(setmetatable({1, 2}, {__len = function() return 99 end})))
print(rawequal(t, t), rawequal(t, {}))
print(pcall(rawget, "str", 1))
print(pcall(rawset, {}, nil, 1))
print(pcall(rawget, {}))
print(pcall(rawset, {}, 1))
print(pcall(rawget))
