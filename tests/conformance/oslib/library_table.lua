-- contents of the os table
local keys = {}
for k, v in pairs(os) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
