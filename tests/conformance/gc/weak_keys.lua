local weak = setmetatable({}, {__mode = "k"})
local strong = {}
local function fill()
  for i = 1, 5 do weak[{}] = i end
  local k = {}
  strong[1] = k
  weak[k] = "kept"
  weak["str"] = "string key"
  weak[1] = "number key"
end
fill()
collectgarbage()
local n, vals = 0, {}
for k, v in pairs(weak) do n = n + 1 vals[#vals + 1] = tostring(v) end
table.sort(vals)
print(n, table.concat(vals, ","))
print(weak[strong[1]])
-- values are strong in a weak-key table
local wk = setmetatable({}, {__mode = "k"})
local key = {}
wk[key] = {}
collectgarbage()
print(type(wk[key]))
