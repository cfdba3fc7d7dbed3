-- Numeric for loops with LUA_MAXINTEGER = INT_MAX (lvm.c forlimit/forprep of 5.3).
local max, min = math.maxinteger, math.mininteger
local function run(a, b, c, limit)
  local out, n = {}, 0
  for i = a, b, c do
    n = n + 1
    out[#out + 1] = tostring(i)
    if n >= (limit or 6) then out[#out + 1] = "..." break end
  end
  print(a, b ~= b and "NaN" or b, c, table.concat(out, " "))
end
run(1, 3, 1)
run(max - 2, max, 1)          -- 5.3 wraps past maxinteger: the loop does not stop by itself
run(min + 2, min, -1)
run(1, 2^31, 2^30)            -- float limit clipped to maxinteger
run(1, 1e10, 1e9)             -- float step: a float loop
run(1, 2^40, 2^30 | 0)
run(max - 1, 2^31, 1)
run(-1, -2^40, -2^30 | 0)
run(0, 1e30, -1)              -- limit above the range with a negative step: no iterations
run(0, -1e30, 1)
run(1, 0 / 0, 1)              -- NaN limit
run(0.1, 0.5, 0.1)
run(16777214.0, 16777220.0, 1.0)  -- a float loop that gets stuck at 2^24 in single precision
run(1, 3.5, 1)
run(3, 1.5, -1)
run("2", "4", "1")
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = 1, 2, {} do end end))
print(pcall(function() for i = {}, 2 do end end))
local s = 0
for i = 1, 100000 do s = s + i end
print("sum", s)
local f = 0
for i = 1, 10000 do f = f + 0.1 end
print("fsum", f)
