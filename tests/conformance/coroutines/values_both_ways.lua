local co = coroutine.create(function(...)
  print("args", select('#', ...), ...)
  local r = {coroutine.yield()}
  print("resumed with", #r, table.unpack(r))
  r = table.pack(coroutine.yield(nil, nil))
  print("resumed with n =", r.n)
  return
end)
print(coroutine.resume(co, nil, 2, nil))
print(select('#', coroutine.resume(co, 1, 2, 3)))
print(select('#', coroutine.resume(co)))
print(coroutine.status(co))
-- yield many values
local gen = coroutine.create(function() for i = 1, 3 do coroutine.yield(i, i * i, i * i * i) end return "end" end)
while true do
  local res = table.pack(coroutine.resume(gen))
  print(table.unpack(res, 1, res.n))
  if coroutine.status(gen) == "dead" then break end
end
