print(_VERSION)
print(type(_G), _G._G == _G, _G._VERSION == _VERSION)
local names = {}
for k, v in pairs(_G) do if type(v) == "function" then names[#names + 1] = k end end
table.sort(names)
print(table.concat(names, " "))
-- the standard libraries (Debian's build also has LUA_COMPAT_5_2 extras such
-- as bit32 and math.pow; they are not listed here)
for _, lib in ipairs{"coroutine", "debug", "io", "math", "os", "package", "string", "table", "utf8"} do
  io.write(lib, "=", type(_G[lib]), " ")
end
print()
local function fields(t) local r = {} for k in pairs(t) do r[#r + 1] = k end table.sort(r) return table.concat(r, " ") end
print(fields(string))
print(fields(table))
local std_math = {"abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log",
  "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random", "randomseed", "sin", "sqrt", "tan",
  "tointeger", "type", "ult"}
for _, f in ipairs(std_math) do io.write(f, "=", type(math[f]), " ") end
print()
print(fields(coroutine))
