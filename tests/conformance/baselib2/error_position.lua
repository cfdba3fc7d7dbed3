-- positions added by error() with levels, in nested calls and metamethods
local function level(n) error("L" .. n, n) end
local function a(n) level(n) end          -- line 3
local function b(n) a(n) end              -- line 4
for n = 0, 4 do print(n, pcall(b, n)) end
local mt = {__index = function(t, k) error("no field " .. k, 2) end}
local obj = setmetatable({}, mt)
print(pcall(function() return obj.missing end))   -- line 8
local mt2 = {__add = function() error("bad add") end}
print(pcall(function() return setmetatable({}, mt2) + 1 end))
local function tail() return error("from tail", 2) end
print(pcall(function() return tail() end))
print(pcall(function() local x = tail() return x end))
local co = coroutine.create(function() error("in coroutine") end)
print(coroutine.resume(co))
co = coroutine.create(function() error("in coroutine lvl2", 2) end)
print(coroutine.resume(co))
print(pcall(string.rep))
print(pcall(function() string.rep() end))
print(pcall(function() ("x"):rep() end))
