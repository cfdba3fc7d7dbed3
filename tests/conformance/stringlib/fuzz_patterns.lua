-- Differential fuzz of find/match/gsub/gmatch: random patterns over random subjects (fixed LCG).
local seed = tonumber(arg and arg[1]) or 1
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
local atoms = {"a", "b", ".", "%a", "%d", "%s", "%w", "%p", "%A", "[ab]", "[^a]", "[a-c]", "[%d_]", "(", ")", "()", "%1", "%2", "%b()", "%f[%a]", "%f[%s]", "*", "+", "-", "?", "^", "$", "%", "[", "]", "x", " ", "%%", "%.", "[]]", "[^]]", "%z", "\0"}
local chars = {"a", "b", "c", "1", "2", " ", "(", ")", "_", ".", "x", "\0", "%", "A"}
local function gen(t, n) local r = {} for i = 1, rnd(n) do r[#r + 1] = t[rnd(#t)] end return table.concat(r) end
local function show(...) local n = select("#", ...) local t = {} for i = 1, n do local v = select(i, ...) t[i] = type(v) == "string" and string.format("%q", v) or tostring(v) end return table.concat(t, "|") end
for i = 1, 600 do
  local p, s = gen(atoms, 6), gen(chars, 12)
  local init = rnd(15) - 5
  local out = {show(pcall(string.find, s, p, init)), show(pcall(string.match, s, p)), show(pcall(string.gsub, s, p, "<%0>")),
               show(pcall(string.gsub, s, p, function(...) return select("#", ...) end, 3))}
  local ok, it = pcall(string.gmatch, s, p)
  if ok then local r = {} local ok2, e = pcall(function() for a, b in it do r[#r + 1] = tostring(a) .. "," .. tostring(b) if #r > 20 then break end end end) out[#out + 1] = ok2 and table.concat(r, ";") or e end
  print(i, (string.format("%q", p)), (string.format("%q", s)), table.concat(out, " // "))
end
