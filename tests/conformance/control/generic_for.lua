local t = {"a", "b", "c"}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
-- a stateless iterator written by hand
local function iter(s, i) i = i + 1 if i <= s then return i, i * i end end
for i, sq in iter, 4, 0 do io.write(i, ":", sq, " ") end print()
-- a closure iterator
local function range(n) local i = 0 return function() i = i + 1 if i <= n then return i end end end
for i in range(3) do io.write(i, " ") end print()
-- iteration ends when the first value is nil, even if others are not
local function weird() local k = 0 return function() k = k + 1 if k < 3 then return k, "x" end return nil, "y" end end
for a, b in weird() do io.write(a, b, " ") end print()
-- extra values beyond three are dropped
local calls = {}
local function f(s, c) calls[#calls + 1] = tostring(s) .. "," .. tostring(c) if c < 2 then return c + 1 end end
for v in f, "state", 0, "ignored" do end
print(table.concat(calls, " "))
-- a false first value also ends... no: only nil ends the loop
local function bools() local k = 0 return function() k = k + 1 if k == 1 then return false end end end
for v in bools() do print("got", v) end
-- the control variable may be assigned without affecting iteration
for i, v in ipairs{10, 20} do i = "changed" io.write(i, v, " ") end print()
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 5 do end end))
print(pcall(function() local t = {} for x in t do end end))
print(pcall(function() for k, v in {} do end end))
