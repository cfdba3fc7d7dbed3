-- adding methods to the string table makes them available to all strings
function string.shout(s) return s:upper() .. "!" end
print(("hello"):shout())
local smt = getmetatable("")
local old = smt.__index
smt.__index = function(s, k)
  if type(k) == "number" then return string.sub(s, k, k) end
  return old[k]
end
print(("abc")[2], ("abc"):len(), ("xyz")[5])
smt.__index = old
print(("abc")[2])
string.shout = nil
print(pcall(function() return ("x"):shout() end))
