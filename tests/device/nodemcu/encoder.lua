-- NodeMCU's encoder module (app/modules/encoder.c); expected output: encoder_expected.py.
local cases = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\0", "\0\0", "\0\0\0", "\255\254\253", "hello world\n"}
for _, s in ipairs(cases) do
    local b, h = encoder.toBase64(s), encoder.toHex(s)
    print(b, h, encoder.fromBase64(b) == s, encoder.fromHex(h) == s, encoder.fromHex(h:upper()) == s)
end
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
print(encoder.toBase64(all))
print(encoder.toHex(all))
print(encoder.fromBase64(encoder.toBase64(all)) == all, encoder.fromHex(encoder.toHex(all)) == all)
print(encoder.fromHex("4A6bFf00") == "\74\107\255\0", encoder.toHex(12), encoder.toBase64(12))
-- fromBase64 quirks: bits beyond the last byte are kept silently ("QR==" decodes as "QQ==")
print(encoder.fromBase64("QR=="), encoder.fromBase64("QUI="), encoder.fromBase64("QUJD"))
local bad64 = {"A", "AB", "ABC", "ABCDE", "A===", "====", "A=B=", "AB=C", "QU I", "QUI\n", "QUJD\n", "Q-==", "Q_==", "QUJ*"}
for _, s in ipairs(bad64) do print(pcall(encoder.fromBase64, s)) end
local badhex = {"a", "abc", "0g", "zz", " 0", "0x00", "4A6b4"}
for _, s in ipairs(badhex) do print(pcall(encoder.fromHex, s)) end
print(encoder.fromBase64(""), encoder.fromHex(""), encoder.toHex(""), encoder.toBase64(""))
