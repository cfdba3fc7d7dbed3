-- chunk names at LUA_IDSIZE boundaries, with newlines and zero bytes
for _, n in ipairs{0, 1, 40, 43, 44, 45, 46, 47, 55, 57, 58, 59, 60, 61, 62, 100} do
  for _, prefix in ipairs{"=", "@", ""} do
    local name = prefix .. string.rep("n", n)
    local f = load("error('e')", name)
    print(n, prefix, select(2, pcall(f)))
  end
  local src = string.rep("x", n) .. "\nmore"
  print(n, "nl", select(2, load("error('e')", src) and pcall(load("error('e')", src))))
  print(n, "nl0", select(2, pcall(load("error('e')", "\n" .. string.rep("y", n)))))
end
print(select(2, pcall(load("error('e')", "a\rb"))))
print(select(2, pcall(load("error('e')", "ab\0cd"))))
print(load("x=", "=" .. string.rep("q", 70)))
