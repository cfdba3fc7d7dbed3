-- yields from generic-for iterators and from __pairs
local co = coroutine.create(function()
  for k, v in function(s, c) c = c + 1 if c > 3 then return nil end coroutine.yield("iter " .. c) return c, c * 10 end, nil, 0 do
    print("loop", k, v)
  end
  local t = setmetatable({}, {__pairs = function(t)
    coroutine.yield("in __pairs")
    return function(_, k) if not k then return 1, "one" end end, t, nil
  end})
  for k, v in pairs(t) do print("pairs", k, v) end
  return "done"
end)
repeat
  local ok, r = coroutine.resume(co)
  print("resumed", ok, r)
until r == "done" or not ok
print(coroutine.status(co))
