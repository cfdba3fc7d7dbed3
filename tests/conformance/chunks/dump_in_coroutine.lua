-- dumped functions as coroutine bodies, and dumping a running function
local function body(a)
  local b = coroutine.yield(a * 2)
  return a + b
end
local co = coroutine.create(load(string.dump(body)))
print(coroutine.resume(co, 5))
print(coroutine.resume(co, 1))
local co2 = coroutine.wrap(function()
  local me = debug.getinfo(1, "f").func
  coroutine.yield(#string.dump(me) > 0)
  return load(string.dump(me)) ~= nil
end)
print(co2())
print(co2())
