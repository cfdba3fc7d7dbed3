-- Differential fuzz of the utf8 library over valid and invalid byte sequences.
local seed = tonumber(arg and arg[1]) or 1
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
local pieces = {"a", "\xc3\xa4", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\x80", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\x80", "\0", "\xf8\x88\x80\x80\x80", "\xdf\xbf"}
local function show(...) local t = table.pack(...) for k = 1, t.n do t[k] = tostring(t[k]) end return table.concat(t, ",", 1, t.n) end
for i = 1, 300 do
  local r = {} for k = 1, rnd(5) - 1 do r[#r + 1] = pieces[rnd(#pieces)] end
  local s = table.concat(r)
  local a, b = rnd(12) - 6, rnd(12) - 6
  local out = {show(pcall(utf8.len, s)), show(pcall(utf8.len, s, a, b)), show(pcall(utf8.codepoint, s, a, b)), show(pcall(utf8.offset, s, a, b)), show(pcall(utf8.offset, s, a))}
  local codes = {} local ok, e = pcall(function() for p, c in utf8.codes(s) do codes[#codes + 1] = p .. ":" .. c end end)
  out[#out + 1] = ok and table.concat(codes, ";") or e
  out[#out + 1] = show(pcall(utf8.char, rnd(0x110010) - 8, a))
  print(i, (string.format("%q", s)), a, b, table.concat(out, " / "))
end
