-- many results and deep recursion: lua5.3's stack limits and their messages
local s = string.rep("x", 10000)
print(select("#", string.byte(s, 1, -1)))
print(select("#", pcall(string.byte, s, 1, -1)))
local big = string.rep("y", 1000001)
print(pcall(string.byte, big, 1, -1))
local t = {}
for i = 1, 5000 do t[i] = i end
print(select("#", table.unpack(t)))
print(select("#", pcall(table.unpack, t)))
print(pcall(table.unpack, {}, 1, 1e7))
print(pcall(table.unpack, {}, 1, 999990))
print(select("#", select(2, table.unpack(t))))
print(pcall(string.char, table.unpack(t, 1, 300)))
print(#string.char(table.unpack((function() local r = {} for i = 1, 5000 do r[i] = 65 end return r end)())))
print(pcall(select, -5001, table.unpack(t)))
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
print(pcall(deep, 10000))
local ok, e = pcall(deep, 1e6)
print(ok, e)
local function cdeep(n) if n == 0 then return 0 end return select(2, pcall(cdeep, n - 1)) end
print(pcall(cdeep, 150))
local ok2, e2 = pcall(cdeep, 300)
print(ok2, e2)
