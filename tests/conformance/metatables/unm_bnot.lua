local log = {}
local mt = {
  __unm = function(a, b) log[#log + 1] = "unm:" .. tostring(rawequal(a, b)) return "negated" end,
  __bnot = function(a, b) log[#log + 1] = "bnot:" .. tostring(rawequal(a, b)) return "inverted" end,
}
local t = setmetatable({}, mt)
print(-t, ~t)
print(table.concat(log, " "))
print(pcall(function() return - -t end))
print(pcall(function() return -setmetatable({}, {}) end))
print(pcall(function() return ~setmetatable({}, {}) end))
print(pcall(function() return ~1.5 end))
print(~5, ~5.0, ~"5", - -5)
