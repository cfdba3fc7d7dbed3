-- __eq is only called when both operands are tables (or both userdata)
local called = 0
local mt = {__eq = function() called = called + 1 return true end}
local t = setmetatable({}, mt)
print(t == 1, 1 == t, t == "t", t == nil, t == false, t == print)
print(called)
local u = setmetatable({}, mt)
print(t == u, called)
-- userdata vs table never compare with __eq
print(t == io.stdout, called)
-- ~= negates the metamethod result
print(t ~= u, called)
-- __eq returning non-boolean is converted
mt.__eq = function() return 0 end
print(t == u)
mt.__eq = function() return nil end
print(t == u, t ~= u)
