-- Differential fuzz of string.pack/unpack/packsize with random formats, values and data.
local seed = tonumber(arg and arg[1]) or 1
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
local opts = {"b", "B", "h", "H", "i", "I", "i3", "I5", "i16", "I9", "l", "j", "J", "T", "f", "d", "n", "s1", "s2", "s", "z", "x", "X", "Xi4", "Xh", "c3", "c0", "<", ">", "=", "!", "!2", "!16", " ", "i0", "i17", "c", "q", "!3"}
local vals = {0, 1, -1, 127, 128, 255, 256, -129, 65535, 70000, 2^31, -2^31, math.maxinteger, math.mininteger, 1.5, "ab", "", "abc\0", "xyz"}
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
for i = 1, 600 do
  local r = {} for k = 1, rnd(4) do r[#r + 1] = opts[rnd(#opts)] end
  local f = table.concat(r)
  local args = {} for k = 1, 4 do args[k] = vals[rnd(#vals)] end
  local ok, p = pcall(string.pack, f, args[1], args[2], args[3], args[4])
  local out = {tostring(ok), ok and hex(p) or tostring(p)}
  out[#out + 1] = tostring(select(2, pcall(string.packsize, f)))
  if ok then out[#out + 1] = tostring((pcall(string.unpack, f, p))) ; local t = table.pack(pcall(string.unpack, f, p)) for k = 1, t.n do out[#out + 1] = type(t[k]) == "string" and string.format("%q", t[k]) or tostring(t[k]) end end
  local data = ""
  for k = 1, rnd(12) - 1 do data = data .. string.char(rnd(256) - 1) end
  local t = table.pack(pcall(string.unpack, f, data, rnd(8) - 3))
  for k = 1, t.n do out[#out + 1] = type(t[k]) == "string" and string.format("%q", t[k]) or tostring(t[k]) end
  print(i, f, table.concat(out, " "))
end
