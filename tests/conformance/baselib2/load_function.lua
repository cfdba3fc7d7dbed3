-- load with reader functions
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1; return parts[i] end)
print(f())
local once = false
print(load(function() if not once then once = true; return "return 'one piece'" end end)())
print(type(load(function() return nil end)))
print(type(load(function() return "" end)))
local c = 0
print(pcall(load, function() c = c + 1; if c == 1 then return 1 end end))
c = 0
print(load(function() c = c + 1; if c == 1 then return "return " elseif c == 2 then return 7 end end)())
print(pcall(load, function() return {} end))
print(pcall(load, function() return true end))
local n = 0
print(load(function() n = n + 1; if n == 1 then return "return " elseif n == 2 then return "" else return "2" end end)())
print(pcall(load, function() error("reader failed") end))
local ok, f, e = pcall(load, function() error({}) end)
print(ok, f, type(e))
local chars = {}
for c in ("return 'char by char'"):gmatch(".") do chars[#chars + 1] = c end
local k = 0
print(load(function() k = k + 1; return chars[k] end)())
print(load(coroutine.wrap(function() coroutine.yield("return ") coroutine.yield("'wrapped'") end))())
