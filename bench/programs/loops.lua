-- loops: numeric for/while loops with integer and float arithmetic
-- (add, mul, //, %, bitwise ops, float division, int/float conversion).
local N = tonumber(arg and arg[1]) or 2000000

-- integer arithmetic: a linear congruential generator with bit mixing
local x, isum = 12345, 0
for i = 1, N do
  x = (x * 1103515245 + 12345) & 0x7fffffff
  isum = isum + (x % 1000) + (x // 65536) - (i ~ (x >> 7))
end

-- float arithmetic: a Leibniz series and a harmonic-like sum
local pi4, fsum = 0.0, 0.0
local sign = 1.0
for k = 0, N - 1 do
  pi4 = pi4 + sign / (2 * k + 1)
  sign = -sign
  fsum = fsum + (k * 0.5) / (k + 1.0)
end

-- while loop with mixed arithmetic (Collatz steps)
local steps, n = 0, 1
while n < N // 20 do
  local c = n
  while c ~= 1 do
    if c % 2 == 0 then c = c // 2 else c = 3 * c + 1 end
    steps = steps + 1
  end
  n = n + 1
end

print("int", isum)
print("pi", pi4 * 4)
print("float", fsum)
print("collatz", steps)
