print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function() end))
print(select('#', pcall(function() end)))
print(pcall(print, "printed inside pcall"))
print(pcall(pcall))
print(pcall(pcall, pcall))
print(pcall(nil))
print(pcall(42))
print(pcall({}))
print(pcall(pcall, error, "nested"))
print(pcall(pcall, error))
-- pcall returns false plus the error and then nothing else
print(select('#', pcall(error, "x")))
-- errors from C functions
print(pcall(string.rep))
print(pcall(math.floor, "x"))
print(pcall(setmetatable, 1))
-- pcall does not catch... everything: it does catch errors in nested pcalls
local depth = 0
local function nest(n) if n == 0 then error("deepest") end local ok, e = pcall(nest, n - 1) depth = depth + 1 error(e, 0) end
print(pcall(nest, 5))
print(depth)
