-- continuation bytes at string edges
local s = "\x80\x80ab\xC3\xA9"
print(utf8.len(s), utf8.len(s, 3), utf8.len(s, 3, 4))
print(pcall(utf8.codepoint, s, 1))
print(utf8.codepoint(s, 3, 5))
print(utf8.offset(s, 1, 3), utf8.offset(s, 2, 3), utf8.offset(s, 3, 3), utf8.offset(s, 4, 3))
print(utf8.offset(s, -1), utf8.offset(s, -2), utf8.offset(s, -3), utf8.offset(s, -4), utf8.offset(s, -5))
print(utf8.offset(s, 0, 6), utf8.offset(s, 0, 2), utf8.offset(s, 0, 1))
print(utf8.len(s, 6), utf8.len(s, -1))
local ok, e = pcall(function() for p, c in utf8.codes("ab\xC3\xA9\x80") do io.write(p, ":", c, " ") end end)
print(ok, e)
