-- locals come into scope in order and leave at block end
local function names()
  local r, i = {}, 1
  while true do
    local n = debug.getlocal(2, i)
    if not n then break end
    r[#r + 1] = n
    i = i + 1
  end
  return table.concat(r, ",")
end
local function f(p)
  print(1, names())
  local a = 1
  print(2, names())
  do
    local b = 2
    print(3, names())
    local b = 3
    print(4, names())
  end
  print(5, names())
  for i = 1, 1 do print(6, names()) end
  while true do local w = 1 print(7, names()) break end
  repeat local r = 1 print(8, names()) until true

end
f(0)
