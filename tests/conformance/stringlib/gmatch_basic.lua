for w in ("one two  three"):gmatch("%a+") do io.write("[", w, "]") end print()
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, " ") end print()
for pos in ("abc"):gmatch("()") do io.write(pos, " ") end print()
for x in ("abc"):gmatch("") do io.write("<", x, ">") end print()
local it = ("a,b,,c"):gmatch("([^,]*)")
local parts = {}
for p in it do parts[#parts + 1] = "'" .. p .. "'" end
print(table.concat(parts, " "))
-- anchor in gmatch matches literally in 5.3? ('^' is not an anchor in gmatch)
for x in ("^a^b"):gmatch("^.") do io.write(x, " ") end print()
local count = 0
for _ in ("aaaa"):gmatch("a") do count = count + 1 end
print(count)
print(pcall(string.gmatch, nil, "x"))
local g = ("x y"):gmatch("%a")
print(g(), g(), g())
