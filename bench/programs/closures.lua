-- closures: closure creation, upvalue reads/writes (open and closed), higher-order calls.
local N = tonumber(arg and arg[1]) or 1300000

local function counter()
  local n = 0
  return function(k) n = n + k; return n end
end

local function compose(f, g) return function(x) return f(g(x)) end end

local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end

local total = 0
-- many closures, each called a few times
for i = 1, N do
  local c = counter()
  c(i); c(1)
  total = total + c(2)
end

-- shared upvalues between sibling closures
local function pair()
  local v = 0
  local function get() return v end
  local function inc() v = v + 1 end
  return get, inc
end
local get, inc = pair()
for i = 1, N * 3 do inc() end
total = total + get()

-- composition chains and map
local inc1 = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local f = compose(inc1, compose(dbl, inc1))
local arr = {}
for i = 1, 1000 do arr[i] = i end
for r = 1, 150 do
  arr = map(arr, function(x) return f(x) % 100003 end)
end
for i = 1, #arr do total = total + arr[i] end

-- closures capturing loop variables (fresh upvalue per iteration)
local fs = {}
for i = 1, 1000 do fs[i] = function() return i end end
for r = 1, 200 do
  for i = 1, #fs do total = total + fs[i]() end
end

print("total", total)
