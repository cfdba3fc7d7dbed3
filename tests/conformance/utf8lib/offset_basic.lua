-- utf8.offset: positions of characters
local s = "a\u{E9}\u{20AC}\u{1F600}z"
for n = -6, 7 do io.write(n, "=", tostring(utf8.offset(s, n)), " ") end
print()
print(utf8.offset(s, 0, 1), utf8.offset(s, 0, 2), utf8.offset(s, 0, 3), utf8.offset(s, 0, 4))
print(utf8.offset(s, 0, 5), utf8.offset(s, 0, 6), utf8.offset(s, 0, 8), utf8.offset(s, 0, 11))
print(utf8.offset(s, 1, 2), utf8.offset(s, 2, 2), utf8.offset(s, 1, 4), utf8.offset(s, 2, 4))
print(utf8.offset(s, -1, 4), utf8.offset(s, -1, 11), utf8.offset(s, -2, 11), utf8.offset(s, -1, -1))
print(utf8.offset(s, 3, -1), utf8.offset(s, 1, #s + 1), utf8.offset(s, 2, #s + 1), utf8.offset(s, -1, #s + 1))
print(utf8.offset("", 1), utf8.offset("", 0), utf8.offset("", -1), utf8.offset("", 2))
print(utf8.offset("abc", 1), utf8.offset("abc", 4), utf8.offset("abc", 5), utf8.offset("abc", -3), utf8.offset("abc", -4))
print(utf8.offset("abc", "2", "1"))
