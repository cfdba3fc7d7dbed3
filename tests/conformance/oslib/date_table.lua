-- os.date("!*t") and "*t" tables
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local o = {}
  for _, k in ipairs(keys) do o[#o + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(o, " ")
end
print(show(os.date("!*t", 0)))
print(show(os.date("!*t", 86400 * 365)))
print(show(os.date("!*t", 951782400)))
print(show(os.date("!*t", 1234567890)))
print(show(os.date("!*t", -1)))
print(show(os.date("!*t", 253402300799)))
local l = os.date("*t", 1234567890)
print(type(l.isdst), math.type(l.year), math.type(l.yday))
local keys = {}
for k in pairs(l) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","))
print(os.date("!*tjunk", 0).year, os.date("*t").year >= 2020)
