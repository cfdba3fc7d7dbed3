-- utf8.char encodes code points
local function hex(s) return (s:gsub(".", function(c) return string.format("%02X", c:byte()) end)) end
print(utf8.char(), #utf8.char())
print(utf8.char(72, 105), hex(utf8.char(0)), hex(utf8.char(0x7F)))
print(hex(utf8.char(0x80)), hex(utf8.char(0x7FF)), hex(utf8.char(0x800)), hex(utf8.char(0xFFFF)))
print(hex(utf8.char(0x10000)), hex(utf8.char(0x10FFFF)))
print(pcall(utf8.char, 0x110000))
print(pcall(utf8.char, 0x10FFFF, 0x110000))
print(hex(utf8.char(0xD800)), hex(utf8.char(0xDFFF)))
print(utf8.char(228, 8364, 128512) == "\u{E4}\u{20AC}\u{1F600}")
print(utf8.char("65", 66.0))
