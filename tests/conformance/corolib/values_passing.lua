-- values passed in both directions
local co = coroutine.create(function(...)
  print("start", select('#', ...), ...)
  local a = table.pack(coroutine.yield())
  print("got", a.n, table.unpack(a, 1, a.n))
  local b = table.pack(coroutine.yield(nil, nil))
  print("got", b.n, table.unpack(b, 1, b.n))
  return nil, 2, nil
end)
print(coroutine.resume(co, nil, nil, 3))
print(select('#', coroutine.resume(co)))
print(coroutine.resume(co, 1, nil))
local many = coroutine.wrap(function(...) local t = {coroutine.yield(...)} return #t end)
local big = {}
for i = 1, 250 do big[i] = i end
local r = table.pack(many(table.unpack(big)))
print(r.n, r[1], r[250])
print(many(table.unpack(big, 1, 200)))
