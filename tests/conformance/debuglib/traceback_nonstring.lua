-- a message that is not a string (nor nil) is returned untouched
local t = {}
print(debug.traceback(t) == t)
print(debug.traceback(true))
print(debug.traceback(false))
print(select('#', debug.traceback(nil)))
print((debug.traceback(nil)):sub(1, 16))
print((debug.traceback(42)))
print((debug.traceback(4.5, 1)))
local f = function() end
print(debug.traceback(f) == f)
print(pcall(debug.traceback, "x", "notanumber"))
print(pcall(debug.traceback, "x", {}))
