-- Lua 5.3.6 does not protect integer for loops against overflow: when the
-- limit is at (or clipped to) maxinteger/mininteger the control variable wraps
-- around. (Lua 5.4 stops instead.) Counters guard every loop here.
local max, min = math.maxinteger, math.mininteger
local c = 0
for i = max - 2, max do c = c + 1 io.write(i, " ") if c >= 5 then break end end print(c)
c = 0
for i = min + 2, min, -1 do c = c + 1 io.write(i, " ") if c >= 5 then break end end print(c)
c = 0
for i = max - 1, 1e100 do c = c + 1 io.write(i, " ") if c >= 4 then break end end print(c)
c = 0
for i = min + 1, -1e100, -1 do c = c + 1 io.write(i, " ") if c >= 4 then break end end print(c)
c = 0
for i = max - 1, max, 10 do c = c + 1 io.write(i, " ") if c >= 4 then break end end print(c)
