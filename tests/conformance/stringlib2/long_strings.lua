-- string functions on long strings (past the short-string limit) and high bytes
local long = string.rep("\200abc", 30)
print(#long, long:upper() == long:gsub("%l", string.upper), long:lower() == long)
print(long:find("\200", 50, true), long:find("c\200", -10))
print(long:sub(-5):byte(1, -1))
print(("x"):rep(41) == ("x"):rep(41), ("x"):rep(40) .. "x" == ("x"):rep(41))
local a = ("k"):rep(45)
local t = {[a] = 1}
print(t[("k"):rep(44) .. "k"], rawequal(a, ("k"):rep(45)))
print(("%s"):rep(3, "-"):format(1, 2, 3))
print(string.format("%-50s|", long:sub(1, 8)):gsub("[\128-\255]", "?"))
print(("abc"):reverse():upper():lower():len())
