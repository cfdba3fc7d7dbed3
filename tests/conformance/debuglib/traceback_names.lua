-- how functions are named in tracebacks
local t = {}
function t.field() return debug.traceback("field") end
function t:method() return debug.traceback("method") end
function globalfn() return debug.traceback("global") end
local function localfn() return debug.traceback("local") end
local up = function() return debug.traceback("upvalue") end
local function callsup() local r = up() return r end
print(t.field())
print(t:method())
print(globalfn())
print(localfn())
print(callsup())
local mt = setmetatable({}, {__index = function(_, k) return debug.traceback("meta " .. k) end})
print(mt.key)
for v in function(s, c) if c then return nil end return debug.traceback("iter") end do print(v) end
print(pcall(error))
print(select(2, pcall(string.rep)))
print(string.gsub("a", "a", function() return (debug.traceback("in gsub"):gsub("\n", " | ")) end))
