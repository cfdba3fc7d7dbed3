-- io.lines and file:lines with formats
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("1 2 3\n4 5 6\nseven\n\nlast")
f:close()
for l in io.lines(name) do io.write("[", l, "]") end
print()
for l in io.lines(name, "L") do io.write(string.format("%q ", l)) end
print()
for a, b in io.lines(name, 2, 3) do io.write(a, "|", b, " ") end
print()
for a, b, c in io.lines(name, "n", "n", "n") do print(a, b, c) end
f = assert(io.open(name))
for n in f:lines("n") do io.write(n, " ") end
print(f:read("l"))
f:close()
f = assert(io.open(name))
for c in f:lines(4) do io.write("<", c, ">") end
print()
print(io.type(f))
f:close()
for a in io.lines(name, "a") do print(#a) break end
local it = io.lines(name, "l")
print(it(), it(), it(), it(), it())
print(it())
print(pcall(it))
