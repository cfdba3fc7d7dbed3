-- %q of values with and without a literal form
local f = string.format
print(pcall(f, "%q", true))
print(pcall(f, "%q", false))
print(pcall(f, "%q", nil))
print(pcall(f, "%q", {}))
print(pcall(f, "%q", print))
print(pcall(f, "%q", coroutine.create(print)))
print(pcall(f, "%q", setmetatable({}, {__tostring = function() return "T" end})))
print(pcall(f, "%q"))
print(pcall(f, "%q %q", "a"))
print(pcall(f, "%q", io.stdout))
print(pcall(function() return ("%q"):format({}) end))
