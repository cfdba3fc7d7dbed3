-- char/codepoint/len/offset agree with each other
local cps = {0, 0x41, 0x7F, 0x80, 0x3B1, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF}
local s = utf8.char(table.unpack(cps))
print(#s, utf8.len(s))
local back = {utf8.codepoint(s, 1, -1)}
local same = #back == #cps
for i = 1, #cps do if back[i] ~= cps[i] then same = false end end
print(same)
local pos = {}
for i = 1, #cps do pos[i] = utf8.offset(s, i) end
print(table.concat(pos, ","))
local viaCodes = {}
for p, c in utf8.codes(s) do viaCodes[#viaCodes + 1] = p end
print(table.concat(viaCodes, ",") == table.concat(pos, ","))
for i = 1, #cps do
  local p = pos[i]
  local q = (pos[i + 1] or #s + 1) - 1
  io.write(utf8.len(s, p, q), utf8.offset(s, 0, q) == p and "+" or "-")
end
print()
