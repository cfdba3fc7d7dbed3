-- debug.traceback with and without messages
local function f() return debug.traceback("msg here") end
print(f())
local function g() return debug.traceback() end
print(g())
print(debug.traceback("", 1))
print(debug.traceback("two\nlines"))
