-- contents of the utf8 table
local keys = {}
for k, v in pairs(utf8) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
print(package.loaded.utf8 == utf8)
