local data = {3, 8, -1, 5, 0, 7}
local i, sum = 1, 0
while data[i] and data[i] >= 0 do sum = sum + data[i] i = i + 1 end
print(i, sum)
i = 0
while i < #data and not (data[i + 1] == 0) do i = i + 1 end
print(i)
local n, steps = 27, 0
while n ~= 1 do n = (n % 2 == 0) and n // 2 or 3 * n + 1 steps = steps + 1 end
print(steps)
local a, b = 1071, 462
repeat a, b = b, a % b until b == 0
print(a)
