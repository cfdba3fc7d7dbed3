-- NodeMCU's Lua outside its modules: what luac.cross -e (NodeMCU's own interpreter, built with
-- LUA_NUMBER_64BITS like today's device) prints must be what the device prints. No io, os or
-- LFS here: luac.cross has the host's io and os, and no LFS searcher.
local function keys(t)
  local r = {}
  for k in pairs(t) do r[#r + 1] = tostring(k) end
  table.sort(r)
  return table.concat(r, " ")
end
print("math", keys(math))
print("string", keys(string))
print("table", keys(table))
print("coroutine", keys(coroutine))
print("debug", keys(debug))
print("package", keys(package), package.path, package.loaders == package.searchers)
print("unpack", unpack({1, 2, 3}))
print("unpack", select("#", unpack({}, 1, 3)), unpack({1, 2, 3}, -1, 1))
print("loadstring", loadstring == load, loadstring("return ...", "=chunk")(4, 5))
print("loadstring", loadstring("x = = 1", "=chunk"))
local n = 0
for _ in ipairs(setmetatable({1, 2}, {__ipairs = function() error("__ipairs") end})) do n = n + 1 end
print("ipairs", n)
print("strings", getmetatable("") == string, string.__index == string)
print("%", ("%d-%s") % {5, "x"}, ("%5.2f|") % 3.14159, ("[%s]") % "y", ("%s %s") % {"a", "b", "c"})
print("math", math.maxinteger, math.mininteger, math.huge, -math.huge, math.pi)
print("math", math.type(1), math.type(1.0), math.tointeger(3.0), math.ult(1, -1), math.fmod(7, 3), 7 // 2, 2 ^ 10)
print("utf8", utf8.charpattern == "[\0-\x7F\xC2-\xF4][\x80-\xBF]*", utf8.char(72, 228, 8364), utf8.len("äö"))
print("traceback", (debug.traceback("msg", 1):gsub("\n.*", "")))
print("error", pcall(error, "plain", 0))
print("error", select(2, pcall(error, "where")))
print("tostring", tostring(nil), tostring(true), tostring(12), tostring(1.5), tostring(1e100), 2^63, -0.0)
print("select", select(-1, 1, 2, 3), select("#"))
print("version", _VERSION)
