-- the header of a binary chunk
local d = string.dump(function() end)
local bytes = {}
for i = 1, 33 do bytes[#bytes + 1] = string.format("%02x", d:byte(i)) end
print(table.concat(bytes, " "))
print(d:sub(2, 4), d:byte(5), d:byte(6))
