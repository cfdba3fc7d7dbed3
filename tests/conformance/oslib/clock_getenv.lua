-- os.clock, os.getenv, os.tmpname types
local c = os.clock()
print(math.type(c), c >= 0)
local x = 0
for i = 1, 1000 do x = x + i end
print(os.clock() >= c)
print(os.getenv("FLASHLUA_DEFINITELY_MISSING_VARIABLE_42"))
print(select("#", os.getenv("FLASHLUA_DEFINITELY_MISSING_VARIABLE_42")))
print(type(os.getenv("PATH")))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))
print(os.getenv(""))
local n = os.tmpname()
print(type(n), #n > 0)
local f = io.open(n, "r")
print(f ~= nil)
if f then f:close() end
print(os.remove(n))
print(os.tmpname() ~= os.tmpname())
