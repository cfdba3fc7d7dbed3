-- assorted utf8 edges: positions one past the end, empty ranges
print(utf8.char(0x41, 0x42, 0x10FFFF):byte(1, -1))
print(utf8.offset("abc", 0, 4), utf8.offset("abc", 1, 4), utf8.offset("abc", -1, 4))
print(pcall(utf8.offset, "abc", 0, 5))
print(utf8.len("abc", 4), utf8.len("abc", 5 - 1, 3))
print(pcall(utf8.codepoint, "abc", 4, 3))
print(select("#", utf8.codepoint("abc", 4, 3)))
print(pcall(utf8.codepoint, "abc", 0, -10))
for _, c in utf8.codes("") do print("never") end
print(utf8.charpattern == "[\0-\x7F\xC2-\xF4][\x80-\xBF]*")
