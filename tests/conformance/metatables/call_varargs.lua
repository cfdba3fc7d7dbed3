local t = setmetatable({}, {__call = function(self, ...) return select('#', ...), ... end})
print(t())
print(t(nil))
print(t(1, nil, 3))
print(t(table.unpack({1, 2, 3, 4, 5})))
-- method-style call on a callable field
local obj = {fn = t}
print(select("#", obj:fn("a")), select(3, obj:fn("a")))
-- pcall/coroutine.wrap with a callable
print(pcall(t, "x", "y"))
local co = coroutine.create(function(...) return t(...) end)
print(coroutine.resume(co, "c1", "c2"))
-- a callable as an iterator in generic for
local n = 0
local iter = setmetatable({}, {__call = function(self, s, c) n = n + 1 if n <= 3 then return n end end})
for v in iter do io.write(v, " ") end print()
