print(assert(1, "unused"), assert("v", 2, 3))
print(select('#', assert(true, nil, nil)))
print(pcall(assert, false))
print(pcall(assert, nil))
print(pcall(assert, false, "custom message"))
print(pcall(assert, nil, 42))
local t = {}
local ok, e = pcall(assert, false, t)
print(ok, e == t)
print(pcall(assert))
print(pcall(assert, false, nil))
-- assert does not add position info
print(pcall(function() assert(false, "no position") end))
print(pcall(function() assert(1 == 2) end))
-- a typical idiom
local f, err = io.open("/nonexistent/dir/file.txt")
print(f, err)
print(pcall(function() return assert(io.open("/nonexistent/dir/file.txt")) end))
print(pcall(function() return assert(tonumber("abc"), "not a number") end))
