-- contents of the io table
local keys = {}
for k, v in pairs(io) do keys[#keys + 1] = k .. ":" .. (io.type(v) or type(v)) end
table.sort(keys)
print(table.concat(keys, " "))
