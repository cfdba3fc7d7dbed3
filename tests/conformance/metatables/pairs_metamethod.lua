local t = setmetatable({real = 1}, {__pairs = function(self)
  local keys = {"a", "b", "c"}
  local i = 0
  return function() i = i + 1 if keys[i] then return keys[i], i * 10 end end, self, nil
end})
for k, v in pairs(t) do io.write(k, "=", v, " ") end print()
-- next ignores __pairs
print(next(t))
-- __pairs returning a state and control value
local u = setmetatable({}, {__pairs = function(self) return function(s, c) if c < 3 then return c + 1, s end end, "state", 0 end})
for k, v in pairs(u) do io.write(k, ":", v, " ") end print()
-- only the first three results are used
local w = setmetatable({}, {__pairs = function() return next, {x = 1}, nil, "extra" end})
for k, v in pairs(w) do print(k, v) end
-- ipairs ignores __pairs but respects __index
local ip = setmetatable({}, {__pairs = error, __index = function(_, i) if i < 4 then return "v" .. i end end})
for i, v in ipairs(ip) do io.write(i, v, " ") end print()
-- __pairs not a function
local bad = setmetatable({}, {__pairs = 5})
print(pcall(pairs, bad))
