-- Coercions between strings and numbers in operators, concatenation and library arguments.
print("1" + "2", "1.5" * 2, "0x7fffffff" + 1, "2147483648" + 0, "1e2" // 1, "-0" + 0)
print(1 .. 2, 1.0 .. "", 2^24 .. "", (2^24 + 1) .. "", 1e7 .. "", 1e-3 .. "")
print(10 // "3", "10" % 3, 2 ^ "3", -"2", -"2.5", "10" / "4")
print(#(1/3 .. ""), #(2^31 .. ""), ("%s"):format(123456789.0))
print(string.len(12345), string.upper(1.5), ("x"):rep("3"))
local s = 0
for w in ("1 2.5 0x10 1e2 2147483647"):gmatch("%S+") do s = s + tonumber(w) end
print(s, math.type(s))
print(tostring(123456.75), tostring(-98765.4321), tostring(1e-10), tostring(6.02214e23))
