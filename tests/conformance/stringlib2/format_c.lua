-- string.format %c
local f = string.format
print(f("%c%c%c", 76, 117, 97))
print(f("%5c|%-5c|", 65, 66))
print(#f("%c", 0), f("%c", 0):byte())
print(f("%c", 255):byte(), f("%c", 256 + 65):byte())
print(f("%c", "66"))
print(f("[%3c]", 0):byte(1, -1))
print(pcall(f, "%c", "x"))
print(pcall(f, "%c"))
print(pcall(f, "%.3c", 65))
