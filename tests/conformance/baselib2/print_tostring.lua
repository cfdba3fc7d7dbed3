-- print uses tostring: __tostring, __name, numbers
print(1, 1.0, -0.0, "s", nil, true, false)
print()
print(nil)
print("a\0b")
local T = setmetatable({}, {__tostring = function(self) return "T-object" end})
print(T, tostring(T))
local N = setmetatable({}, {__tostring = function() return 99 end})
print(pcall(print, N))
print(pcall(tostring, N))
local B = setmetatable({}, {__tostring = function() return nil end})
print(pcall(print, B))
print(pcall(tostring, B))
local E = setmetatable({}, {__tostring = function() error("tostring failed") end})
print(pcall(print, E))
local named = setmetatable({}, {__name = "My.Type"})
print((tostring(named):gsub("0x%x+", "ADDR")))
local named2 = setmetatable({}, {__name = "Other", __tostring = function() return "wins" end})
print(named2)
local notstr = setmetatable({}, {__name = {}})
print((tostring(notstr):gsub("0x%x+", "ADDR")))
-- print calls the global tostring in lua5.3
local saved = tostring
tostring = function(v) return "<" .. saved(v) .. ">" end
print(1, "x", nil)
tostring = saved
local ok, e = pcall(function() tostring = nil; print(1) end)
tostring = saved
print(ok, e)
ok, e = pcall(function() tostring = function() return 1 end; print("x") end)
tostring = saved
print(ok, e)
print("end")
