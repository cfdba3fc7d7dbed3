local t = setmetatable({}, {__mode = "kv"})
local k1, v1 = {}, {}
local function fill()
  t[k1] = "k1 alive"
  t["v1"] = v1
  t[{}] = "dead key"
  t["dead value"] = {}
  t[{}] = {}
  t[1] = 1
end
fill()
collectgarbage()
local items = {}
for k, v in pairs(t) do items[#items + 1] = (type(k) == "table" and "tablekey" or tostring(k)) .. "->" .. (type(v) == "table" and "tablevalue" or tostring(v)) end
table.sort(items)
print(#items, table.concat(items, " | "))
print(getmetatable(t).__mode)
