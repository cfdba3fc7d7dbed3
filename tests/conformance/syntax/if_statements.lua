local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
for _, n in ipairs{-5, 0, 3, 10, 1e9} do print(n, classify(n)) end
if nil then print("no") elseif false then print("no") else print("else branch") end
if 1 then end
if false then else end
local r
if true then r = "a" if false then r = "b" end end
print(r)
print(load("if x then"))
print(load("if x print(1) end"))
print(load("if x then else else end"))
