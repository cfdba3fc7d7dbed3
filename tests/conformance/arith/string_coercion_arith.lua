-- strings are converted to numbers in arithmetic, following the lexer rules
print("10" + 1, math.type("10" + 1), "10" + 1.0, "3.0" + 1, math.type("3.0" + 1))
print("0x10" + 0, "1e1" + 0, " 10 " + 0, "\t5\n" * 2, "-7" // 2, "2" ^ 2)
print("10" + "20", math.type("10" + "20"), "10" * "2", "10" - "2.5")
print(-"2", -"2.0", -"0x10", math.type(-"2"))
print("9223372036854775807" + 0, "9223372036854775808" + 0, "0xffffffffffffffff" + 0)
for _, s in ipairs{"abc", "", " ", "1 2", "0x", "1e", "10a", "nil"} do
  print(string.format("%q", s), pcall(function() return s + 1 end))
end
print(pcall(function() return {} + 1 end))
print(pcall(function() return 1 + true end))
print(pcall(function() local x = "a" return x * 2 end))
print(10 == "10", 10 .. "" == "10")
