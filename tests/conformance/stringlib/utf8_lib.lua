print(utf8.char(72, 228, 8364, 128512) == "H\u{E4}\u{20AC}\u{1F600}")
local s = "h\u{E9}llo \u{4E16}\u{754C}"
print(#s, utf8.len(s))
for p, c in utf8.codes(s) do io.write(p, ":", c, " ") end print()
print(utf8.codepoint(s, 1, -1))
print(utf8.offset(s, 3), utf8.offset(s, -1), utf8.offset(s, 0, 3))
print(utf8.len("\xff"), utf8.len("abc\xE4"), utf8.len(""))
print(utf8.len(s, 3), pcall(utf8.len, s, 20))
print(type(utf8.charpattern), #utf8.charpattern)
local count = 0
for ch in s:gmatch(utf8.charpattern) do count = count + 1 end
print(count)
print(pcall(utf8.codepoint, "\xff"))
print(pcall(utf8.char, -1))
