-- string.reverse
print(string.reverse("hello"), string.reverse(""), string.reverse("a"))
print(("abc"):reverse(), string.reverse(123), string.reverse(-1.5))
print(string.reverse("a\0b\255"):byte(1, -1))
print(string.reverse(string.rep("ab", 5)))
print(pcall(string.reverse))
print(pcall(string.reverse, {}))
print(pcall(function() return string.reverse(nil) end))
