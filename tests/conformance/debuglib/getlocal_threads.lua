-- getlocal/setlocal of suspended coroutines
local co = coroutine.create(function(p)
  local l1 = p + 1
  local function inner(z) local w = z coroutine.yield() return w end
  inner(l1)
  return l1
end)
coroutine.resume(co, 10)
for lv = 0, 3 do
  for i = 1, 4 do
    local ok, n, v = pcall(debug.getlocal, co, lv, i)
    if ok then
      if n then print(lv, i, n, type(v) == "function" and "fn" or v) end
    else print(lv, i, "error", n) end
  end
end
print(pcall(debug.getlocal, co, 5, 1))
print(pcall(debug.setlocal, co, 5, 1, 1))
print(debug.setlocal(co, 1, 1, 7))
print(coroutine.resume(co))
local dead = coroutine.create(function() end)
coroutine.resume(dead)
print(pcall(debug.getlocal, dead, 0, 1))
local fresh = coroutine.create(function(a) end)
print(pcall(debug.getlocal, fresh, 0, 1))
print(pcall(debug.getlocal, fresh, 1, 1))
