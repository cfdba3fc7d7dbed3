-- counts no buffer could hold fail as lua5.3's luaL_Buffer does
local f = io.tmpfile()
f:write("abc")
for _, n in ipairs({-1, -100, math.mininteger, 1 << 62, math.maxinteger}) do
  f:seek("set")
  print(n, pcall(f.read, f, n))
end
f:seek("set")
print(pcall(f.read, f, 1, -1))
f:seek("set")
print(f:read(1 << 20))
print(f:read(1 << 20))
f:close()
