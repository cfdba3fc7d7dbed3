-- long brackets of several levels
local a = [[simple]]
local b = [==[contains ]] and ]=] inside]==]
local c = [[
first newline is skipped]]
local d = [[

two newlines: only the first is skipped]]
local e = [[no \n escapes \t here]]
print(a); print(b); print(c); print(d); print(e)
print(#c, #d, #e)
local f = [=[
line1
line2
]=]
io.write(f)
print(#f)
print([[]] == "", #[[]], [==[]==] == "")
print([[a]].."b")
-- \r\n and \n\r line breaks inside long strings become \n
local g = load("return [[x\r\ny\n\rz\rw]]")()
print(#g, (g:gsub("\n", "|")))
local h = load("return [[\r\nafter crlf]]")()
print(h, #h)
-- unfinished long string
print(load("return [[abc"))
print(load("return [==[abc]=]"))
