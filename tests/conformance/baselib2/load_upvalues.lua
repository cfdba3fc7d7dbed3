-- load: _ENV as first upvalue, string.dump round trip, functions without upvalues
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local f = load(string.dump(counter()))
print(pcall(f))
local g = load(string.dump(function() return _ENV ~= nil, type(print) end))
print(g())
local env = {print = "env print"}
local h = load(string.dump(function() return print end), "dumped", "b", env)
print(h())
local k = load("local a, b = 1, 2; return function() return a + b end")()
print(k(), load(string.dump(k))and "loaded" or "failed")
print(pcall(load(string.dump(k))))
print(load(string.dump(function(...) return select("#", ...) end))(1, 2, 3))
print(pcall(string.dump, print))
print(pcall(string.dump))
print(pcall(string.dump, {}))
