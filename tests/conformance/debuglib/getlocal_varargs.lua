-- negative indices address varargs
local function v(...)
  local fixed = "fixed"
  for i = -1, -5, -1 do print(i, debug.getlocal(1, i)) end
  print(debug.getlocal(1, 1))
  print(debug.getlocal(1, 2))
  return ...
end
v("a", nil, 3)
v()
local function p(a, ...)
  print("p", debug.getlocal(1, 1), debug.getlocal(1, -1))
  print(debug.setlocal(1, -1, "changed"))
  print(...)
  print(debug.setlocal(1, -3, "nope"))
end
p(1, 2)
local function nonvar(a) print(debug.getlocal(1, -1)) end
nonvar(5)
