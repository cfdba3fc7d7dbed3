-- goto continue inside repeat: the label must come before the until's locals go out of scope
local i = 0
local out = {}
repeat
  i = i + 1
  if i % 2 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
until i >= 9
print(table.concat(out, ","))
-- goto out of nested while loops
local x, y = 0, 0
while true do
  x = x + 1
  y = 0
  while true do
    y = y + 1
    if x * y >= 6 then goto finished end
    if y >= 3 then break end
  end
end
::finished::
print(x, y)
-- goto backward inside a function with a counter
local function count_to(n)
  local c = 0
  ::top::
  c = c + 1
  if c < n then goto top end
  return c
end
print(count_to(5), count_to(1))
