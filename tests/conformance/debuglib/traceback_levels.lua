-- traceback levels
local function lvl(n) return debug.traceback("L" .. n, n) end
local function a(n) return lvl(n) end
local function b(n) return a(n) end
for _, n in ipairs({0, 1, 2, 3, 4, 5, 50}) do
  print("== level " .. n)
  print((b(n)))
end
print(debug.traceback("neg", -1))
