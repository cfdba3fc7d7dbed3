local calls = 0
local mt = {__eq = function(a, b) calls = calls + 1 return a.id == b.id end}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a ~= b, a == c, a ~= c, calls)
-- not called for the same object (raw equal first)
calls = 0
print(a == a, calls)
-- not called when comparing with a non-table
print(a == 1, a == "x", a == nil, calls)
-- works when only one operand has the metamethod (5.3: first operand, then second)
local plain = {id = 1}
print(a == plain, plain == a, calls)
-- different __eq functions: the first operand's is used
local mt2 = {__eq = function() return "second" end}
local d = setmetatable({id = 1}, mt2)
print(a == d, d == a, calls)
-- result converted to boolean
local truthy = setmetatable({}, {__eq = function() return "yes" end})
local other = setmetatable({}, {__eq = function() return nil end})
print(truthy == other, other == truthy, truthy ~= other)
-- rawequal ignores __eq
print(rawequal(a, b))
-- tables as keys do not use __eq
local t = {}
t[a] = "a"
print(t[b], t[a])
