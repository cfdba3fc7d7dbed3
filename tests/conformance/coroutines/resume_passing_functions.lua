-- values of every type pass through resume/yield unchanged
local t, f = {}, function() return "fn" end
local co = coroutine.create(function(...)
  local got = table.pack(...)
  while true do got = table.pack(coroutine.yield(table.unpack(got, 1, got.n))) end
end)
local function roundtrip(...)
  local r = table.pack(coroutine.resume(co, ...))
  return r.n - 1, table.unpack(r, 2, r.n)
end
print(roundtrip(1, 2.5, "s", true, false, nil))
local n, a, b = roundtrip(t, f)
print(n, a == t, b == f, b())
print(roundtrip())
print(roundtrip(nil, nil, nil))
local n2, th = roundtrip(co)
print(n2, th == co, coroutine.status(th))
