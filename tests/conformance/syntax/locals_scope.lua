local x = 1
do
  local x = x + 1
  print(x)
  do local x = x * 10 print(x) end
  print(x)
end
print(x)
local y = y
print(y)
local a, a = 1, 2
print(a)
local function rec(n) if n == 0 then return 0 end return n + rec(n - 1) end
print(rec(10))
local norec = function(n) return n end
local g = function(n) if n == 0 then return "done" end return g end
print(pcall(g, 1))
-- shadowing in for loops
local i = "outer"
for i = 1, 2 do print(i) end
print(i)
for i, v in ipairs{"a"} do local i = i * 100 print(i, v) end
-- block local is not visible after block
do local hidden = 5 end
print(hidden)
-- many locals
local s = ""
for k = 1, 3 do local s2 = s .. k; s = s2 end
print(s)
