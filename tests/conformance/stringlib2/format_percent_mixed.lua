-- %% and mixed directives
local f = string.format
print(f("%%"), f("100%%"), f("%%d"), f("%%%d", 5), f("a%%b%%c"))
print(f("%d%%", 50), f("%5.1f%%", 99.44))
print(f("%s=%d (%x) %5.2f [%-6s] %q", "k", 10, 255, 3.14159, "ab", "q\n"))
print(f("no directives"), f(""))
print(f("%s %s %s", 1, 2.0, "3"))
print(f("%d %s", 1, 2, 3, 4))
print(f("%c%s%c", 91, "mid", 93))
print(f("\0%d\0", 7):byte(1, -1))
print(#f(string.rep("%d", 100), table.unpack((function() local t = {} for i = 1, 100 do t[i] = i end return t end)())))
