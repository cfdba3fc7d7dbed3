-- ranges of math.random for 0, 1 and 2 arguments
math.randomseed(123)
local lo, hi, allint = math.huge, -math.huge, true
for i = 1, 2000 do
  local r = math.random()
  if r < lo then lo = r end
  if r > hi then hi = r end
  if math.type(r) ~= "float" then allint = false end
end
print("float", lo >= 0, hi < 1, allint)
local seen, ok = {}, true
for i = 1, 2000 do
  local r = math.random(4)
  if math.type(r) ~= "integer" or r < 1 or r > 4 then ok = false end
  seen[r] = true
end
print("1..4", ok, seen[1], seen[2], seen[3], seen[4])
seen, ok = {}, true
for i = 1, 2000 do
  local r = math.random(-2, 2)
  if r < -2 or r > 2 then ok = false end
  seen[r] = true
end
print("-2..2", ok, seen[-2], seen[0], seen[2])
ok = true
for i = 1, 200 do
  local r = math.random(math.mininteger, -1)
  if r >= 0 then ok = false end
  local s = math.random(0, math.maxinteger)
  if s < 0 then ok = false end
end
print("wide", ok)
ok = true
for i = 1, 200 do local r = math.random(1e9, 1e9 + 10) if r < 1e9 or r > 1e9 + 10 then ok = false end end
print("high", ok)
