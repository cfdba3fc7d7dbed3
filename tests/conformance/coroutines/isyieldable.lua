print(coroutine.isyieldable())
local co = coroutine.wrap(function()
  print(coroutine.isyieldable())
  -- inside pcall in a coroutine: still yieldable in 5.3
  print(pcall(function() return coroutine.isyieldable() end))
  -- inside a metamethod called from Lua code: yieldable
  local t = setmetatable({}, {__index = function() return coroutine.isyieldable() end})
  print(t.x)
  -- inside table.sort comparator (a C function without continuation): not yieldable
  local r
  table.sort({2, 1}, function(a, b) r = coroutine.isyieldable() return a < b end)
  print(r)
end)
co()
print(pcall(coroutine.yield))
