-- io.open with every valid mode
local name = os.tmpname()
for _, m in ipairs({"w", "wb", "w+", "w+b", "r", "rb", "r+", "r+b", "a", "ab", "a+", "a+b", "rbb", "wbbb"}) do
  local f, err = io.open(name, m)
  print(m, io.type(f), err)
  if f then f:close() end
end
print(io.type(io.open(name)))
os.remove(name)
