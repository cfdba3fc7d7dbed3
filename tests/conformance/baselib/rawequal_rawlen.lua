local mt = {__eq = function() return true end, __len = function() return 100 end}
local a, b = setmetatable({1}, mt), setmetatable({1, 2}, mt)
print(a == b, rawequal(a, b), rawequal(a, a))
print(#a, #b, rawlen(a), rawlen(b))
print(rawequal(1, 1), rawequal(1, 1.0), rawequal("a", "a"), rawequal(nil, nil), rawequal(nil, false))
print(rawequal(0/0, 0/0), rawequal(-0.0, 0))
print(rawlen(""), rawlen("\0\0"), pcall(rawlen, nil))
print(pcall(rawequal))
