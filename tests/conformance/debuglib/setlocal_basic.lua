-- setlocal changes locals of a running function
local function f()
  local a, b = 1, 2
  local function set() print(debug.setlocal(2, 1, "A"), debug.setlocal(2, 2, "B"), debug.setlocal(2, 9, "Z")) end
  set()
  return a, b
end
print(f())
local function g()
  local x = 1
  print(debug.setlocal(1, 1, 99))
  print(x)
  print(debug.setlocal(1, 3, 0))
end
g()
print(pcall(debug.setlocal, 1, 1))
print(pcall(debug.setlocal, 1))
local co = coroutine.create(function() local q = "q0" coroutine.yield() print("q is", q) end)
coroutine.resume(co)
print(debug.setlocal(co, 1, 1, "q1"))
print(debug.getlocal(co, 1, 1))
coroutine.resume(co)
