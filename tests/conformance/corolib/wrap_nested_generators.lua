-- generators built from wrapped coroutines
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local function map(f, g) return coroutine.wrap(function() for v in g do coroutine.yield(f(v)) end end) end
local function filter(p, g) return coroutine.wrap(function() for v in g do if p(v) then coroutine.yield(v) end end end) end
local out = {}
for v in map(function(x) return x * x end, filter(function(x) return x % 2 == 1 end, range(10))) do out[#out + 1] = v end
print(table.concat(out, " "))
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
for p in coroutine.wrap(function() permgen({1, 2, 3}) end) do print(table.concat(p, ",")) end
