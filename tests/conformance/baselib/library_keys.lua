-- The names in every standard library table, as Debian's lua5.3 (LUA_COMPAT_5_2) has them.
for _, lib in ipairs{"_G", "string", "table", "math", "io", "os", "coroutine", "utf8", "debug", "package", "bit32"} do
  local t = lib == "_G" and _G or _G[lib]
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  print(lib, table.concat(ks, " "))
end
local loaded = {}
for k in pairs(package.loaded) do loaded[#loaded + 1] = k end
table.sort(loaded)
print("loaded", table.concat(loaded, " "))
print(math.atan2 == math.atan, math.atan2(1, 1) == math.atan(1, 1), math.atan2(1))
print(math.pow(2, 10), math.ldexp(1, 4), math.frexp(8), math.log10(1000), math.cosh(0), math.sinh(0), math.tanh(0))
print(unpack, loadstring, string.gfind, table.getn, table.maxn, math.mod, setfenv, module)
