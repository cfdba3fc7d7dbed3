-- "invalid mode" errors
local name = os.tmpname()
for _, m in ipairs({"", "x", "rw", "+r", "r++", "rb+", "wx", "b", "r ", "R", "W", "a+a", "r+bx", "rt"}) do
  print(string.format("%q", m), pcall(io.open, name, m))
end
print(pcall(io.open, name, {}))
print(pcall(io.open))
print(pcall(io.open, {}))
os.remove(name)
