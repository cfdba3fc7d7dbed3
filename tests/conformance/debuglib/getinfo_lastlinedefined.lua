-- linedefined, lastlinedefined, nparams, isvararg, nups for several shapes
local function s(f)
  local i = debug.getinfo(f, "Su")
  return i.linedefined, i.lastlinedefined, i.nparams, i.isvararg, i.nups, i.what
end
print(s(function() end))
print(s(function(a,
  b, c)
  return a
end))
print(s(function(...) return ... end))
local u = 1
print(s(function(x, ...) return u + x end))
print(s(load("return 1")))
print(s(load("local a = ... return function() return a end")()))
print(s(print))
