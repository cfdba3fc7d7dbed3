-- which prefixes read("n") accepts and what it leaves behind
local f = io.tmpfile()
local function try(text, ...)
  f:seek("set") f:write(text, "\n#END") f:seek("set")
  local r = table.pack(f:read(...))
  local o = {}
  for i = 1, r.n do o[i] = tostring(r[i]) end
  print(string.format("%q", text), table.concat(o, " "), string.format("%q", f:read("l")))
end
for _, s in ipairs({"0x1p", "1e+5x", ".", "-", "+", "0x1.", "1.2.3", "0x1P-", "  +.5e-1", "0b1", "1_0", "٣", "0xep1", "0x1e+1", "1e1e1", "00x1", "-0x", "-0x-1", "0.", "-0", "-0.0", "9e999", "0x1p99999"}) do try(s, "n") end
f:close()
