local s = "hello world, hello lua"
print(s:find("hello"), s:find("hello", 2), s:find("xyz"), s:find(""), s:find("", 100))
print(s:find("o", -3), s:find("l+"), s:find("l+", 5), s:find("(h)(e)"))
print(s:find(".", 1, true), s:find("o w", 1, true), ("a.b"):find(".", 1, true), ("a+b"):find("+", 1, true))
print(s:find("%s"), s:find("%a+", 7), s:find("^hello"), s:find("^world"), s:find("lua$"))
print(("abc"):find("b", -1), ("abc"):find("b", -10), ("abc"):find("", 4), ("abc"):find("", 5))
print(("a\0b"):find("\0"), ("a\0b"):find("%z"))
print(("[test]"):find("[", 1, true), pcall(string.find, "[test]", "["))
print(("x"):find("()"), ("abc"):find("b()"))
