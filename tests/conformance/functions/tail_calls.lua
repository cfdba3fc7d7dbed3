-- a tail-recursive loop of 10 million calls must not overflow the stack
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(10000000, 0))
