local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i) end
  return "last"
end)
print(gen(3), gen(), gen(), gen())
print(pcall(gen))
-- errors propagate through wrap with position information
local bad = coroutine.wrap(function() error("inside wrap") end)
print(pcall(bad))
local bad2 = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(bad2)
print(ok, type(e), e.code)
local bad3 = coroutine.wrap(function() local x = nil; return x.field end)
print(pcall(bad3))
print(pcall(coroutine.wrap, 5))
-- wrap as an iterator
local function chars(s) return coroutine.wrap(function() for c in s:gmatch(".") do coroutine.yield(c) end end) end
for c in chars("abc") do io.write(c, ".") end print()
