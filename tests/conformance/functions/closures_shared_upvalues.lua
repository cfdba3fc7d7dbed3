local function counter()
  local n = 0
  local function inc() n = n + 1 return n end
  local function get() return n end
  local function set(v) n = v end
  return inc, get, set
end
local inc, get, set = counter()
print(inc(), inc(), get())
set(100)
print(inc(), get())
local inc2, get2 = counter()
print(inc2(), get(), get2())
-- upvalue shared between closures created in the same scope
local fns = {}
do
  local shared = 0
  fns.add = function(k) shared = shared + k end
  fns.read = function() return shared end
end
fns.add(5); fns.add(7)
print(fns.read())
-- closure captures variable, not value
local x = 1
local function getx() return x end
x = 2
print(getx())
-- nested closures, three levels
local function outer()
  local a = 1
  return function()
    local b = 10
    return function() a = a + 1; b = b + 1; return a + b end
  end
end
local mid = outer()
local in1, in2 = mid(), mid()
print(in1(), in1(), in2(), in1())
