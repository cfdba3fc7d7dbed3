-- precedence: or < and < comparison < | < ~ < & < shift < .. < +- < */ //% < unary < ^
print(1 | 2 ~ 3 & 4, (1 | 2) ~ 3 & 4, 1 | (2 ~ 3) & 4)
print(1 << 2 + 1, (1 << 2) + 1)
print(0xF & 0x3 << 1, 6 & 3 == 2)
print(~0 >> 60, ~(0 >> 60), - ~1, ~ -1)
print(1 | 2 .. "", load("return 1 | 2 .. 3")())
print(3 ~ 5 ~ 6, 1 << 2 << 3, 256 >> 2 >> 1)
print(2 ^ 2 & 7, 5 // 2 | 8)
