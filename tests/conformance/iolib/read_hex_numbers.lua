-- hexadecimal numerals and exponents through read("n")
local f = io.tmpfile()
f:write("0x1p-2 0x1.8p1 0xA.8 0X10 0x1P+3 -0x10 0xg 1e+2 1E2 .e1 0x.p1 00012 1.5e-3")
f:seek("set")
for i = 1, 14 do
  local v = f:read("n")
  io.write(tostring(v), math.type(v) and ("/" .. math.type(v)) or "", " ")
  if v == nil then f:read(1) end
end
print()
print(string.format("%q", f:read("a")))
f:close()
