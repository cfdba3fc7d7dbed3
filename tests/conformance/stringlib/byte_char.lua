print(string.byte("A"), string.byte("abc", 2), string.byte("abc", -1), string.byte("abc", 1, 3))
print(string.byte("abc", 10), select('#', string.byte("abc", 10)), select('#', string.byte("")))
print(string.byte("abc", 0), string.byte("abc", -10, 10))
print(string.char(72, 105), string.char(), #string.char(0, 0), string.char(255):byte())
print(("xyz"):byte(-2, -1))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(#s, s:byte(1), s:byte(256), s:byte(128))
print(pcall(string.char, 256))
print(pcall(string.char, "65"), pcall(string.char, "x"))
