-- setpause/setstepmul return the previous value; stepmul never goes below 40;
-- the argument is passed to lua_gc as a C int
print(collectgarbage("setpause", 100), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 0), collectgarbage("setstepmul", 200))
print(collectgarbage("setstepmul", 39), collectgarbage("setstepmul", 41), collectgarbage("setstepmul", 200))
print(collectgarbage("setstepmul", -5), collectgarbage("setstepmul", 200))
print(collectgarbage("setpause"), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul"), collectgarbage("setstepmul", 200))
print(collectgarbage("setpause", 2^32 + 150), collectgarbage("setpause", 200))
print(collectgarbage("setpause", 2^31), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 2^32 + 7), collectgarbage("setstepmul", 200))
print(collectgarbage("setpause", -1), collectgarbage("setpause", 200))
print(collectgarbage("setpause", 3.0), collectgarbage("setpause", "200"))
print(pcall(collectgarbage, "setpause", 2^63))
print(collectgarbage("setpause", 200))
local t = {}
for i = 1, 1000 do t[i] = {} end
t = nil
print(collectgarbage(), collectgarbage("collect", 5))
