-- the continue idiom
for i = 1, 10 do
  if i % 3 == 0 then goto continue end
  io.write(i, " ")
  ::continue::
end
print()
local i = 0
while i < 10 do
  i = i + 1
  if i % 2 == 0 then goto cont end
  io.write(i, " ")
  ::cont::
end
print()
i = 0
repeat
  i = i + 1
  if i == 2 then goto skip end
  io.write(i, " ")
  ::skip::
until i >= 4
print()
