-- binary data round trips unchanged
local name = os.tmpname()
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
local data = table.concat(bytes) .. "\r\n\0\26end"
local f = assert(io.open(name, "wb"))
f:write(data)
f:close()
f = assert(io.open(name, "rb"))
local back = f:read("a")
print(#back, back == data)
f:seek("set", 10)
print(f:read("l") == "", f:seek("cur"))
f:seek("set", 0)
local n = 0
for l in f:lines("L") do n = n + 1 end
print("lines", n)
f:close()
f = assert(io.open(name, "rb"))
print(f:read(300) == data, f:read(1000), f:read(0))
f:close()
os.remove(name)
