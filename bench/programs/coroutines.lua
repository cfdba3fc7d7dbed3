-- coroutines: generators with coroutine.wrap / resume / yield, a producer-consumer
-- pipeline and many short-lived coroutines.
local N = tonumber(arg and arg[1]) or 700000

local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end

local function filter(pred, gen)
  return coroutine.wrap(function()
    for v in gen do if pred(v) then coroutine.yield(v) end end
  end)
end

local function map(f, gen)
  return coroutine.wrap(function()
    for v in gen do coroutine.yield(f(v)) end
  end)
end

-- three-stage pipeline
local sum = 0
for v in map(function(x) return x * 3 end, filter(function(x) return x % 3 ~= 0 end, range(N))) do
  sum = sum + v
end

-- explicit resume/yield with values passed both ways
local co = coroutine.create(function(a)
  local total = a
  while true do
    local x = coroutine.yield(total)
    if x == nil then break end
    total = total + x
  end
  return total
end)
local _, r = coroutine.resume(co, 0)
for i = 1, N do _, r = coroutine.resume(co, i % 10) end
local ok, final = coroutine.resume(co, nil)

-- many short-lived coroutines
local created = 0
for i = 1, N // 20 do
  local c = coroutine.wrap(function(x) local y = coroutine.yield(x + 1); return y * 2 end)
  created = created + c(i) + c(3)
end

print("pipeline", sum)
print("resume", r, ok, final, coroutine.status(co))
print("created", created)
