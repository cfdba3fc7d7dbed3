-- io.type and tostring of files
print(io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
print(io.type(nil), io.type(42), io.type("file"), io.type({}), io.type(print))
print(pcall(io.type))
print(tostring(io.stdout):match("^file %(0xADDR%)$") ~= nil or tostring(io.stdout):match("^file %(0x%x+%)$") ~= nil)
print(tostring(io.stdout))
local f = io.tmpfile()
print(io.type(f), tostring(f):sub(1, 6))
f:close()
print(io.type(f), tostring(f))
print(type(io.stdout), getmetatable(io.stdout).__name)
local keys = {}
for k, v in pairs(getmetatable(io.stdout)) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
local methods = {}
for k, v in pairs(getmetatable(io.stdout).__index) do methods[#methods + 1] = k end
table.sort(methods)
print(table.concat(methods, " "))
