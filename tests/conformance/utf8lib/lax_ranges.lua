-- 5.3 decodes surrogates but nothing above 0x10FFFF nor overlong forms
print(utf8.len("\u{D800}\u{DFFF}"), utf8.codepoint("\u{D800}\u{DFFF}", 1, -1))
print(utf8.len("\xED\xA0\x80"), utf8.len("\xF4\x8F\xBF\xBF"), utf8.len("\xF4\x90\x80\x80"))
for p, c in utf8.codes("\u{D800}x") do io.write(p, ":", c, " ") end
print()
print(utf8.offset("\u{10FFFF}a", 2), utf8.offset("\xF8\x88\x80\x80\x80a", 2))
print(utf8.len("\xFE\x80\x80\x80\x80\x80\x80"), utf8.len("\xFC\x84\x80\x80\x80\x80"))
print(utf8.len("\xF8\x88\x80\x80\x80"), utf8.len("\xFC\x80\x80\x80\x80\x80"))
print(utf8.len("\xC2\x80\xE0\xA0\x80\xF0\x90\x80\x80"), utf8.len("\xE0\x9F\xBF"), utf8.len("\xF0\x8F\xBF\xBF"))
print(pcall(utf8.codepoint, "\xF0\x8F\xBF\xBF"))
print(utf8.len("\xC2"), utf8.len("\xC2\xC2"), utf8.len("\xC2\x80\x80"))
