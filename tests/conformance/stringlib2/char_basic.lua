-- string.char: normal use
print(string.char())
print(#string.char())
print(string.char(72, 101, 108, 108, 111))
print(string.char(0, 255):byte(1, -1))
print(#string.char(0, 0, 0))
print(string.char(65.0, "66", " 67 "))
print(string.char(0x41, 0x42))
local t = {}
for i = 97, 122 do t[#t + 1] = i end
print(string.char(table.unpack(t)))
print(string.char(255) == "\255", string.char(10) == "\n")
