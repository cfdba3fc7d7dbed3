local fns = {string.upper, string.lower, string.reverse, string.len}
local out = {}
for i, f in ipairs(fns) do out[i] = tostring(f("MiXeD")) end
print(table.concat(out, " "))
local apply = function(f, ...) return f(...) end
print(apply(math.max, 3, 9, 2), apply(select, "#", 1, 2), apply(string.format, "%d-%s", 1, "x"))
-- functions compared by identity
print(string.upper == ("x").upper, print == print, function() end == function() end)
