local function inf(n) return 1 + inf(n + 1) end
local ok, err = pcall(inf, 1)
print(ok, (err:gsub("^.-:%d+: ", "")))
local function inf2() local t = {} return inf2() + 1 end
ok, err = pcall(inf2)
print(ok, string.find(err, "stack overflow") ~= nil)
-- the state is still usable afterwards
print(select('#', table.unpack({}, 1, 100)))
local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end})
ok, err = pcall(function() return t[1] end)
print(ok, string.find(err, "stack overflow") ~= nil)
print(pcall(string.rep))
