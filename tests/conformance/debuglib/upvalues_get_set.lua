-- getupvalue / setupvalue on Lua functions
local a, b, c = 1, "two", {}
local function f() return a, b, c end
for i = 0, 4 do
  local n, v = debug.getupvalue(f, i)
  print(i, n, type(v))
end
print(debug.setupvalue(f, 1, 100))
print(debug.setupvalue(f, 2, "deux"))
print(debug.setupvalue(f, 4, "x"))
print(debug.setupvalue(f, 0, "x"))
print(a, b)
local function noups() return 1 end
print(debug.getupvalue(noups, 1))
local function envuser() return print end
print(debug.getupvalue(envuser, 1) )
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.getupvalue, f))
print(pcall(debug.getupvalue, f, "x"))
print(pcall(debug.setupvalue, f, 1))
print(pcall(debug.setupvalue, {}, 1, 1))
