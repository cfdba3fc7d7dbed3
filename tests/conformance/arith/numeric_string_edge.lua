-- conversions between strings and numbers in concatenation and arithmetic
print(1 .. "", 1.0 .. "", -0.0 .. "", 1e100 .. "", 2^63 .. "", math.mininteger .. "")
print("0x10" + 0, "0X1P4" + 0, "1E2" * 1, " 0x1 " + 0)
print(("10"):rep(2) + 1, #tostring(12.0))
print(pcall(function() return "0x" + 1 end))
print(pcall(function() return "1e" + 1 end))
print(pcall(function() return "." + 1 end))
print("1" == 1, tostring(1) == "1", tonumber("1") == 1)
print(10 // "3", "10" // 3, "-10" % "3")
