-- where position information points to
local function f()
  error("in f")
end
print(pcall(f))
local t = {}
function t.method()
  local x = nil
  return x + 1
end
print(pcall(t.method))
print(pcall(function()
  local a = {}
  return a.b.c   -- line 14
end))
-- multi-line expressions report the line of the operator
print(pcall(function()
  local v = 1 +
    nil
end))
print(pcall(function() return #nil end))
-- level 2 blames the caller's line
local function check(x) if type(x) ~= "number" then error("expected number, got " .. type(x), 2) end return x end
local function user() return check("str") end  -- line 24
print(pcall(user))
-- chunk names
print(pcall(load("local x = nil; x()", "=custom name")))
print(pcall(load("local x = nil; x()", "@path/to/file.lua")))
print(pcall(load("local x = nil; x()")))
print(pcall(load("local x = nil; x()", "a very long chunk name that goes on and on and on and on and on and on")))
print(pcall(load("\n\nlocal x = nil; x()", "=(load)")))
