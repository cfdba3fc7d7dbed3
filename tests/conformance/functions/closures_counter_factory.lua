local function makeCounter(step)
  local count = 0
  return {
    inc = function() count = count + step return count end,
    reset = function() local old = count count = 0 return old end,
  }
end
local c1, c2 = makeCounter(1), makeCounter(10)
print(c1.inc(), c1.inc(), c2.inc(), c1.inc(), c2.inc())
print(c1.reset(), c1.inc(), c2.reset())
-- closures in a table created by a loop share nothing
local adders = {}
for i = 1, 5 do adders[i] = function(x) return x + i end end
local r = {}
for i = 1, 5 do r[i] = adders[i](100) end
print(table.concat(r, " "))
-- closure over a parameter
local function bind(f, a) return function(...) return f(a, ...) end end
local add5 = bind(function(a, b) return a + b end, 5)
print(add5(1), add5(10))
