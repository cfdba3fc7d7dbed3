-- strings, numbers, booleans are never removed from weak tables
local t = setmetatable({}, {__mode = "kv"})
local function fill()
  t[1] = "string value " .. 1
  t["key" .. 2] = 42
  t[3] = true
  t[4.5] = 4.5
  t[5] = function() end
  t[6] = {}
end
fill()
collectgarbage()
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
