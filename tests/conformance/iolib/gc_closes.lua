-- unreferenced files are closed by the collector; data is flushed
local name = os.tmpname()
do
  local f = assert(io.open(name, "w"))
  f:write("flushed by __gc")
end
collectgarbage()
collectgarbage()
local f = assert(io.open(name))
print(f:read("a"))
f:close()
local gc = getmetatable(f).__gc
print(type(gc), pcall(gc, f))
os.remove(name)
