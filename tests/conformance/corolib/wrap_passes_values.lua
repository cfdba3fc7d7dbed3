-- wrap returns yielded values and passes arguments
local w = coroutine.wrap(function(a, b)
  print("args", a, b)
  local c, d = coroutine.yield(a + b, a - b)
  print("resumed with", c, d)
  return "ret", c .. d
end)
print(w(5, 3))
print(w("x", "y"))
print(pcall(w))
local w2 = coroutine.wrap(function() return end)
print(select('#', w2()))
