-- Lua 5.3 has no "'for' step is zero" error (that is 5.4): with a zero step
-- the loop condition is "limit <= i", so the loop runs zero times when
-- init < limit and forever when init >= limit (guarded by a counter here).
local c = 0
for i = 1, 10, 0 do c = c + 1 if c > 3 then break end end
print("1,10,0", c)
c = 0
for i = 1.0, 10, 0.0 do c = c + 1 if c > 3 then break end end
print("1.0,10,0.0", c)
c = 0
for i = 10, 1, 0 do c = c + 1 if c > 3 then break end end
print("10,1,0", c)
c = 0
for i = 5, 5, 0 do c = c + 1 if c > 3 then break end end
print("5,5,0", c)
c = 0
for i = 2.5, 1, 0.0 do c = c + 1 io.write(i, " ") if c > 3 then break end end
print("2.5,1,0.0", c)
print(pcall(function() for i = 1, 10, 0 do end return "no error" end))
