-- yield from inside a generic for iterator function
local co = coroutine.wrap(function()
  local function iter(_, i)
    i = i + 1
    local v = coroutine.yield("iter asks for " .. i)
    if v then return i, v end
  end
  for i, v in iter, nil, 0 do print("loop", i, v) end
  return "loop ended"
end)
print(co())
print(co("a"))
print(co("b"))
print(co(nil))
-- yield inside the body of a for over pairs/ipairs
local co2 = coroutine.wrap(function()
  for i, v in ipairs{"x", "y", "z"} do coroutine.yield(i, v) end
  return "done"
end)
print(co2()) print(co2()) print(co2()) print(co2())
