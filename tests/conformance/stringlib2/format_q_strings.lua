-- %q of strings with control characters, newlines, quotes, digits after escapes
local f = string.format
local function show(s) print(f("%q", s)) end
show("")
show("plain text")
show('say "hi"')
show("it's")
show("back\\slash")
show("line1\nline2\n")
show("\r\n")
show("\t\v\f\b\a")
show("\0")
show("\0x")
show("\0" .. "9")
show("\1\0012\2003")
show("\27[0m")
show("\127")
show("\128\200\255")
show("caf\195\169")
show("a\0b\0c")
show(string.rep("\n", 3))
for i = 0, 31 do io.write(f("%q", string.char(i)), " ") end
print()
for i = 0, 31 do io.write(f("%q", string.char(i) .. "5"), " ") end
print()
-- round trips
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(load("return " .. f("%q", s))() == s, #f("%q", s))
print(f("[%q]", "x"), f("%q%q", "a", "b"))
