-- getlocal at various levels
local function dump(level)
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if not name then break end
    print(level, i, name, type(value) == "table" and "<table>" or tostring(value))
    i = i + 1
  end
end
local function f(a, b)
  local c = a + b
  do local inner = "in" dump(1) end
  local d = {}
  dump(1)
  return c
end
f(1, 2)
local function g(x) local y = x * 2 f(y, 1) dump(1) return y end
g(10)
print(debug.getlocal(1, 1))
print(debug.getlocal(1, 100))
print(debug.getlocal(1, 0))
