-- io.lines and file:lines accept at most 250 formats
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("1 2 3 4 5\n")
f:close()
local fmts = {}
for i = 1, 250 do fmts[i] = "n" end
local it = io.lines(name, table.unpack(fmts))
local r = table.pack(it())
print(r.n, r[1], r[5], r[6], r[250])
fmts[251] = "n"
print(pcall(io.lines, name, table.unpack(fmts)))
f = assert(io.open(name))
print(pcall(f.lines, f, table.unpack(fmts)))
print(select("#", f:lines(table.unpack(fmts, 1, 250))()))
f:close()
os.remove(name)
