-- producer/consumer with coroutines
local function producer()
  return coroutine.create(function()
    for _, item in ipairs{"apple", "banana", "cherry"} do coroutine.yield(item) end
  end)
end
local function filter(prod)
  return coroutine.create(function()
    while true do
      local ok, item = coroutine.resume(prod)
      if not item then break end
      coroutine.yield(item:upper())
    end
  end)
end
local f = filter(producer())
while true do
  local ok, v = coroutine.resume(f)
  if not v then break end
  print(v)
end
-- permutations generator
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
for p in coroutine.wrap(function() permgen({1, 2, 3}) end) do print(table.concat(p, " ")) end
