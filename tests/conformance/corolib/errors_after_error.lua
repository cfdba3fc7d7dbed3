-- a coroutine that failed stays dead; the error value is returned once
local co = coroutine.create(function(x)
  local y = coroutine.yield(x)
  if y == "fail" then error("failed with " .. y) end
  return "ok"
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, "fail"))
print(coroutine.status(co))
print(coroutine.resume(co, "again"))
-- errors in nested coroutines propagate only one level
local outer = coroutine.create(function()
  local inner = coroutine.create(function() error("inner failure") end)
  print("inner:", coroutine.resume(inner))
  error("outer failure")
end)
print(coroutine.resume(outer))
-- runtime errors with variable names
local co2 = coroutine.create(function() local t = {} return t.a.b end)
print(coroutine.resume(co2))
local co3 = coroutine.create(function() return undefinedglobal() end)
print(coroutine.resume(co3))
