-- base functions that honour or ignore metamethods
local t = setmetatable({1, 2, 3}, {
  __len = function() return 10 end,
  __index = function(_, k) return "idx" .. tostring(k) end,
  __newindex = function(t, k, v) rawset(t, k, "new:" .. tostring(v)) end,
  __eq = function() return true end,
  __call = function(self, x) return "called with " .. tostring(x) end,
})
print(#t, rawlen(t), t[4], rawget(t, 4))
t[5] = 5
print(rawget(t, 5))
rawset(t, 6, 6)
print(rawget(t, 6))
print(t == setmetatable({}, getmetatable(t)), rawequal(t, {}))
print(t("arg"), pcall(t, "p"))
print(select("#", table.unpack(t)))
local n = 0
for i, v in ipairs(t) do n = n + 1; if n > 8 then break end end
print("ipairs steps", n)
print(pcall(next, t), next({}, nil))
print(type(t), tostring(t) == tostring(t))
