-- utf8.codes iterates positions and code points
local s = "a\u{E9}\u{20AC}\u{1F600}z"
for p, c in utf8.codes(s) do io.write(p, ":", c, " ") end
print()
for p, c in utf8.codes("") do print("never") end
local n = 0
for p, c in utf8.codes("\0\0") do n = n + 1 io.write(p, "=", c, " ") end
print(n)
local f, st, init = utf8.codes("xy")
print(type(f), st, init)
print(f("xy", 0))
print(f("xy", 1))
print(f("xy", 2))
print(f("\u{E9}x", 1))
