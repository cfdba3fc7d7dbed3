-- The C type sizes behind string.pack on the ESP8266 (xtensa lx106, ILP32): sizeof(long) = 4
-- ('l', 'L') and sizeof(size_t) = 4 ('T' and the length prefix of 's'). luac.cross -e on a
-- 64-bit host says 8 for these, so the expected output is worked out, not recorded:
-- lstrlib.c getoption: Kint sizeof(long) for 'l', Kuint sizeof(size_t) for 'T' and 's'.
print(string.packsize("l"), string.packsize("L"), string.packsize("T"), #string.pack("s", "ab"))
print(string.unpack("s", "\2\0\0\0ab"))
print(string.packsize("!l"), string.packsize("bT"), string.packsize("!bT"))
