local s = "hello world"
print(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -2), s:sub(0), s:sub(-100, 3))
print(s:sub(5, 1), s:sub(20), s:sub(11, 11), s:sub(12), s:sub(-1), s:sub(-11, -11))
print(("abc"):sub(2, 100), ("abc"):sub(0, 0), ("abc"):sub(-2, -3), ("abc"):sub(math.mininteger, math.maxinteger))
print(string.sub("abc", 2), pcall(string.sub, "abc"))
print(pcall(string.sub))
print(("abc"):sub("2"), ("abc"):sub(2.0, 3.0))
