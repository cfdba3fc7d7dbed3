-- a wrapped coroutine calling itself, and wrap of a finished body
local self
self = coroutine.wrap(function()
  local ok, e = pcall(self)
  print("self call", ok, e)
  coroutine.yield("y1")
  return "r"
end)
print(self())
print(self())
print(pcall(self))
