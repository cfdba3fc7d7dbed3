local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(1000001), odd(1000001), even(2000000))
-- tail call through a method and through varargs
local obj = {}
function obj:count(n, ...) if n == 0 then return select('#', ...) end return self:count(n - 1, ...) end
print(obj:count(500000, "a", "b", "c"))
-- tail call through __call of a table
local callable = setmetatable({}, {__call = function(self, n) if n == 0 then return "done" end return self(n - 1) end})
print(callable(100000))
