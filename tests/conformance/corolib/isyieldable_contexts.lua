-- isyieldable inside different contexts
local co = coroutine.wrap(function()
  print("body", coroutine.isyieldable())
  print("pcall", pcall(coroutine.isyieldable))
  table.sort({3, 1, 2}, function(a, b) if a == 3 then print("sort", coroutine.isyieldable()) end return a < b end)
  print(string.gsub("x", "x", function() print("gsub", coroutine.isyieldable()) end))
  local t = setmetatable({}, {__index = function() return coroutine.isyieldable() end})
  print("index", t.k)
  print("tostring", tostring(setmetatable({}, {__tostring = function() return tostring(coroutine.isyieldable()) end})))
  for v in function(_, c) if not c then return coroutine.isyieldable() end end do print("iterator", v) end
  print(load("return coroutine.isyieldable()")())
end)
co()
print("main", coroutine.isyieldable())
