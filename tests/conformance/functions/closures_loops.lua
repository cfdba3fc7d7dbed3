-- each iteration of a for loop creates a fresh local
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
fs = {}
for k, v in ipairs{"a", "b", "c"} do fs[k] = function() return k .. v end end
print(fs[1](), fs[2](), fs[3]())
-- locals declared inside while/repeat bodies are fresh each iteration
fs = {}
local j = 0
while j < 3 do
  j = j + 1
  local captured = j * 10
  fs[j] = function() captured = captured + 1 return captured end
end
print(fs[1](), fs[1](), fs[2](), fs[3]())
fs = {}
local r = 0
repeat
  r = r + 1
  local c = r
  fs[r] = function() return c end
until c >= 3
print(fs[1](), fs[2](), fs[3]())
-- but a variable declared outside the loop is shared
fs = {}
local shared = 0
for i = 1, 3 do shared = i; fs[i] = function() return shared end end
print(fs[1](), fs[2](), fs[3]())
-- modifying the loop variable copy does not affect iteration
local seen = {}
for i = 1, 3 do
  local f = function() i = i * 100 return i end
  seen[#seen + 1] = f()
end
print(table.concat(seen, ","))
-- closures capturing in nested loops
fs = {}
for a = 1, 2 do
  for b = 1, 2 do
    fs[#fs + 1] = function() return a * 10 + b end
  end
end
for _, f in ipairs(fs) do io.write(f(), " ") end
print()
