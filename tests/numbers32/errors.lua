-- Error messages of the number operations (luaG_opinterror, luaG_tointerror, forprep, lauxlib).
-- Operands are temporaries: luac.cross -e runs without local variable names, so a message about
-- a named local would differ for reasons that have nothing to do with numbers.
local function try(f, ...) print(select(2, pcall(f, ...))) end
local zero, big = 0, 2^31
try(function() return 1 // zero end)
try(function() return 1 % zero end)
try(function() return (big + zero) | 0 end)
try(function() return (1.5 + zero) & 1 end)
try(function() return ("abc"):rep(1) + 1 end)
try(function() return ({}) * 2 end)
try(function() return -{} end)
try(function() return ~1.5 end)
try(function() return {} < 1 end)
try(function() return 1 < "1" end)
try(function() for i = 1, {} do end end)
try(function() for i = 1, 2, "x" do end end)
try(function() for i = nil, 2 do end end)
try(string.rep, "x", 1.5)
try(string.char, 2^31)
try(math.floor, "x")
try(math.tointeger)
try(string.sub)
try(string.format, "%d", 1e10)
try(function() return ("x"):rep(-1) .. #("x"):rep(0) end)
try(function() return math.maxinteger + 1 end)
try(error, 2^31)
try(error, 1/3)
