-- utf8.char with many arguments and decoding them back
local cps = {}
for i = 1, 300 do cps[i] = (i * 2654435761) % 0x110000 end
local s = utf8.char(table.unpack(cps))
print(#s, utf8.len(s))
local back = {utf8.codepoint(s, 1, -1)}
local same = #back == #cps
for i = 1, #cps do if back[i] ~= cps[i] then same = false end end
print(same)
local n = 0
for _, c in utf8.codes(s) do n = n + 1 if c ~= cps[n] then same = false end end
print(n, same)
print(utf8.offset(s, 300) ~= nil, utf8.offset(s, 301) == #s + 1, utf8.offset(s, 302))
print(utf8.offset(s, -300) == 1, utf8.offset(s, -301))
