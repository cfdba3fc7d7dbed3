-- long-running producer/consumer
local producer = coroutine.create(function()
  for i = 1, 1000 do coroutine.yield(i) end
  return "end"
end)
local sum, last = 0, nil
while true do
  local ok, v = coroutine.resume(producer)
  if v == "end" then last = v break end
  sum = sum + v
end
print(sum, last, coroutine.status(producer))
-- many coroutines alive at once
local cos = {}
for i = 1, 200 do cos[i] = coroutine.create(function(x) local y = coroutine.yield(x * 2) return x + y end) end
local total = 0
for i = 1, 200 do total = total + select(2, coroutine.resume(cos[i], i)) end
for i = 1, 200 do total = total + select(2, coroutine.resume(cos[i], 1)) end
print(total)
