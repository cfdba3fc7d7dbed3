-- utf8.len counts characters in ranges
local s = "a\u{E9}\u{20AC}\u{1F600}z"
print(#s, utf8.len(s))
print(utf8.len(s, 1), utf8.len(s, 2), utf8.len(s, 3), utf8.len(s, 4))
print(utf8.len(s, 1, 1), utf8.len(s, 1, 2), utf8.len(s, 1, 3), utf8.len(s, 2, 3))
print(utf8.len(s, -1), utf8.len(s, -5), utf8.len(s, 1, -2))
print(utf8.len(""), utf8.len("", 1), utf8.len("abc", 4), utf8.len("abc", 3, 2))
print(utf8.len("abc", 2, 1), utf8.len("abc", -1, -3))
print(utf8.len("\0\0\0"), utf8.len("\u{10FFFF}"), utf8.len("\xF4\x8F\xBF\xBF"))
print(utf8.len("abc", "2"), utf8.len(123))
