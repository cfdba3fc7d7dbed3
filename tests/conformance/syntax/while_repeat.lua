local i = 0
while i < 5 do i = i + 1 end
print(i)
while false do print("never") end
local n = 0
repeat n = n + 1 until n >= 3
print(n)
-- repeat: the until condition sees locals of the body
local k = 0
repeat local done = k >= 2; k = k + 1 until done
print(k)
-- break in while and repeat
i = 0
while true do i = i + 1 if i == 7 then break end end
print(i)
repeat i = i - 1 if i == 3 then break end until false
print(i)
-- nested loops: break only leaves the innermost
local out = {}
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    out[#out + 1] = a .. b
  end
end
print(table.concat(out, " "))
print(load("break"))
print(load("do break end"))
print(load("local function f() break end"))
