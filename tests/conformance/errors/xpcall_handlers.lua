local function handler(e) return "handled: " .. tostring(e) end
print(xpcall(function() error("oops") end, handler))
print(xpcall(function() return 1, 2, 3 end, handler))
print(xpcall(function(a, b) return a + b end, handler, 3, 4))
print(xpcall(function() error({}) end, function(e) return type(e) end))
print(xpcall(function() error() end, function(e) return "got " .. tostring(e) end))
-- handler gets called with the original error and may return multiple values (only the first is kept? no: all)
print(xpcall(error, function(e) return e, "second" end, "m"))
-- traceback handler: print only the first line
local ok, tb = xpcall(function() error("with traceback") end, debug.traceback)
print(ok, (tb:match("^[^\n]*")))
print(tb:match("\nstack traceback:\n") ~= nil)
-- error inside the handler
print(xpcall(function() error("first") end, function(e) error("second") end))
-- handler is not called on success
local called = false
print(xpcall(function() return "fine" end, function() called = true end), called)
print(pcall(xpcall))
print(pcall(xpcall, print))
print(pcall(xpcall, print, nil, "no handler: error before the call"))
print(xpcall(print, print, "handler not called"))
-- nested xpcall
print(xpcall(function()
  return xpcall(function() error("inner") end, function(e) error("handler fails") end)
end, function(e) return "outer handled: " .. tostring(e) end))
