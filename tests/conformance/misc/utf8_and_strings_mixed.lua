local s = "na\u{EF}ve caf\u{E9}"
print(#s, utf8.len(s), s:upper():len())
print(s:sub(1, 3) == "na\xC3", s:byte(3), s:reverse():len())
local chars = {}
for _, c in utf8.codes(s) do chars[#chars + 1] = c end
print(table.concat(chars, ","))
print(utf8.char(table.unpack(chars)) == s)
