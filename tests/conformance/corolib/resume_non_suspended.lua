-- resuming a running or normal coroutine
local co
co = coroutine.create(function()
  print(coroutine.resume(co))
  print(coroutine.resume(coroutine.running()))
  local inner = coroutine.create(function()
    print("inner resumes outer", coroutine.resume(co))
  end)
  coroutine.resume(inner)
  return "done"
end)
print(coroutine.resume(co))
print(coroutine.resume(coroutine.running()))
local w
w = coroutine.wrap(function() return w() end)
print(pcall(w))
