-- string.byte: normal use, defaults and multiple results
print(string.byte("A"))
print(string.byte("ABC", 2))
print(string.byte("ABC", 1, 3))
print(string.byte("ABC", 1, -1))
print(("hello"):byte(-1))
print(("hello"):byte(2, 4))
print(string.byte("\0\1\255", 1, 3))
print(select("#", string.byte("")))
print(select("#", string.byte("abc", 3, 2)))
print(string.byte(123, 2))          -- number coerced to "123"
print(string.byte(1.5, 1, -1))      -- "1.5"
print(string.byte("abc", 2.0))      -- float with exact integer value
print(string.byte("abc", "2"))      -- numeric string index
