-- debug.getlocal on unnamed slots: C frames (level 0 is getlocal itself) and Lua temporaries,
-- and the name debug.getinfo gives the frame a finalizer interrupted.
print(debug.getlocal(0, 1))
print(debug.getlocal(0, 2))
print(debug.getlocal(0, 3))
print(debug.getlocal(0, 0))
print(pcall(debug.getlocal, 0, -1))

local function f(a, b)
  local x = a + b
  -- level 1 is f: a, b, x, then a temporary holding getlocal's result slots
  for i = 1, 5 do print(i, debug.getlocal(1, i)) end
  return x
end
f(10, 20)

local function g(...)
  for i = -1, -4, -1 do print(i, debug.getlocal(1, i)) end
end
g("v1", "v2", nil)

-- a C function's arguments seen from inside a Lua function it calls
local function inner()
  local level = 2
  local info = debug.getinfo(level, "S")
  print(info.what, debug.getlocal(level, 1), debug.getlocal(level, 2))
end
pcall(inner, "argument")

-- the frame a finalizer interrupted reports itself as the __gc metamethod
do
  local seen
  setmetatable({}, {__gc = function ()
    local t = debug.getinfo(2, "n")
    seen = tostring(t.namewhat) .. " " .. tostring(t.name)
  end})
  repeat local a = {} until seen
  print(seen)
  local t = debug.getinfo(1, "n")
  print("after:", t.namewhat, t.name)
end

-- the slots pcall and xpcall keep below the function they call
local function show()
  for i = 1, 4 do print("slot", i, debug.getlocal(2, i)) end
  return "r1", "r2"
end
print(pcall(show, "p1", "p2"))
print(xpcall(show, print, "x1"))
print(pcall(pcall, show, "q"))
print(xpcall(function () error("boom") end, function (m) return "handled: " .. m end))
print(pcall(error, {code = 7}))
