local nan = 0/0
print(nan ~= nan, nan == nan, nan < 1, nan > 1, nan <= nan, 1 < nan)
print(math.huge > math.maxinteger, -math.huge < math.mininteger)
print(math.huge == math.huge, math.huge == -(-math.huge))
local t = {}
print(pcall(function() t[nan] = 1 end))
print(t[nan])
print(rawget(t, nan))
print(pcall(rawset, t, nan, 1))
print(pcall(function() t[nil] = 1 end))
print(t[nil], rawget(t, nil))
print(math.huge // 1, -math.huge // 1, math.huge % 2)
print(math.type(math.huge), math.tointeger(math.huge))
print(nan ~= nan and "nan is not equal to itself")
-- how glibc prints NaN (sign bit shows): lua5.3 on Debian prints these
print(string.format("%.1f", math.huge), string.format("%.1f", -math.huge))
print(0/0, -(0/0))
print(math.huge - math.huge)
