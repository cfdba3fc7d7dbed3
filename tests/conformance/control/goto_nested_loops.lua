-- breaking out of nested loops
local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j goto done end
  end
end
::done::
print(found)
-- continue of the outer loop from the inner loop
local out = {}
for i = 1, 4 do
  for j = 1, 4 do
    if j > i then goto next_i end
    out[#out + 1] = i .. j
  end
  ::next_i::
end
print(table.concat(out, " "))
-- backward goto implements a loop
local n = 0
::again::
n = n + 1
if n < 5 then goto again end
print(n)
-- labels in nested blocks with the same name are allowed
do ::l1:: end
do ::l1:: end
do goto l2; print("skipped") ::l2:: print("after l2") end
