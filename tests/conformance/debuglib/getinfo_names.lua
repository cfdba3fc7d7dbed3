-- name and namewhat for the different kinds of call
local function n(level) local i = debug.getinfo(level or 2, "n") return tostring(i.name) .. "/" .. i.namewhat end
local t = {}
function t.fld() local r = n() return r end
function t:meth() local r = n() return r end
function glob() local r = n() return r end
local function loc() local r = n() return r end
local upv = function() local r = n() return r end
local function useup() local r = upv() return r end
print(t.fld(), t:meth(), glob(), loc(), useup())
print((function() local r = n() return r end)())
local mt = {}
mt.__index = function() local r = n() return r end
mt.__add = function() local r = n() return r end
mt.__lt = function() print("lt", n()) return true end
mt.__le = function() print("le", n()) return true end
mt.__concat = function() local r = n() return r end
mt.__len = function() local r = n() return r end
mt.__unm = function() local r = n() return r end
mt.__call = function() local r = n() return r end
mt.__newindex = function() print("newindex", n()) end
local o = setmetatable({}, mt)
print(o.x, o + 1, o .. "s", #o, -o, o())
local _ = o < o
_ = o <= o
o.y = 1
for k in function() return nil end do end
local function iter(s, c) if not c then print("iter", n()) return 1 end end
for k in iter do end
print(pcall(n))
local x = t.fld
print(x())
local arr = {loc}
print(arr[1]())
