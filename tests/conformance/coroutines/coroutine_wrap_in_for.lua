local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step or 1 do coroutine.yield(i, i * i) end
  end)
end
for i, sq in range(10, 3) do io.write(i, ":", sq, " ") end print()
-- nested generators
local function pairs_gen(a, b)
  return coroutine.wrap(function()
    for x in range(a) do for y in range(b) do coroutine.yield(x, y) end end
  end)
end
local out = {}
for x, y in pairs_gen(2, 3) do out[#out + 1] = x .. y end
print(table.concat(out, " "))
