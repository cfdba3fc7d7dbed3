-- loadfile/dofile of binary chunks written to files
local path = os.tmpname()
local function write(data) local f = assert(io.open(path, "wb")) f:write(data) f:close() end
local function clean(s) return (tostring(s):gsub(path:gsub("%p", "%%%0"), "TMP")) end
local function f(x) return "from file", x end
write(string.dump(f))
print(loadfile(path)(1))
print(dofile(path))
print(loadfile(path, "b")(2))
print(loadfile(path, "t"))
print(loadfile(path, "bt", {})(3))
write("#!/usr/bin/lua\n" .. string.dump(f))
print(loadfile(path)(4))
write(string.dump(f):sub(1, 20))
local g, e = loadfile(path)
print(g, clean(e))
local ok, e2 = pcall(dofile, path)
print(ok, clean(e2))
write(string.dump(f, true))
print(loadfile(path)(5))
write("\27Lua\83\1")
print(clean(select(2, loadfile(path))))
os.remove(path)
