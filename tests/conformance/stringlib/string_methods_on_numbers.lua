-- string functions accept numbers, which are converted
print(string.len(12345), string.rep(1, 3), string.upper(1.5), string.sub(123456, 2, 4))
print(string.format("%s", 1e15), string.byte(7), ("x"):rep("3"))
-- but numbers have no methods
print(pcall(function() local n = 5 return n:len() end))
print((5 .. ""):len())
-- string indexing with integers returns nil
print(("abc")[1], ("abc").len == string.len)
print(#string.format("%099d", 1))
