-- string.lower / string.upper
print(string.lower("Hello WORLD 123 !@#"), string.upper("Hello world 123 !@#"))
print(string.lower(""), string.upper(""), ("MiXeD"):lower(), ("MiXeD"):upper())
print(string.upper("caf\195\169") == "CAF\195\169", string.lower("\200\201") == "\200\201")
print(string.upper("a\0b"):byte(1, -1))
print(string.lower(12), string.upper(1e10), string.upper(-0.5))
local all = {}
for i = 0, 127 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(s:upper():sub(34, 127))
print(s:upper():sub(1, 33) == s:sub(1, 33), s:lower():sub(1, 33) == s:sub(1, 33))
print(s:lower():sub(65, 91))
print(pcall(string.lower))
print(pcall(string.upper, {}))
print(pcall(string.lower, nil))
print(pcall(function() return string.upper(true) end))
