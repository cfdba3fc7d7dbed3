-- table_array: array-part fill, read, length operator, ipairs, in-place updates.
local N = tonumber(arg and arg[1]) or 350000
local ROUNDS = 10

local sum = 0
for r = 1, ROUNDS do
  local t = {}
  for i = 1, N do t[i] = i * r end          -- sequential fill
  local u = {}
  for i = 1, N do u[#u + 1] = t[i] + 1 end  -- append via #
  for i = 2, N do u[i] = u[i] + u[i - 1] % 7 end  -- read/modify/write
  for _, v in ipairs(u) do sum = sum + v % 1000 end
  local s = 0
  for i = N, 1, -1 do s = s + t[i] - u[i] end  -- reverse read
  sum = sum + s % 100003 + #t + #u
end

-- 2D arrays (matrix as array of arrays)
local M = 300
local m = {}
for i = 1, M do
  local row = {}
  for j = 1, M do row[j] = (i * j) % 17 end
  m[i] = row
end
local tr = 0
for k = 1, 5 do
  for i = 1, M do
    local row = m[i]
    for j = 1, M do tr = tr + row[j] * m[j][i] end
  end
end

print("sum", sum)
print("matrix", tr)
