#!/usr/bin/env python3
"""Writes encoder.expected: what encoder.lua prints, from Python's base64/binascii and, for the
errors, from the rules of NodeMCU's app/modules/encoder.c."""
import base64, binascii, os

cases = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", b"\0", b"\0\0", b"\0\0\0", b"\xff\xfe\xfd", b"hello world\n"]
lines = []
for s in cases:
    b = base64.b64encode(s).decode()
    lines.append("\t".join([b, binascii.hexlify(s).decode(), "true", "true", "true"]))
allb = bytes(range(256))
lines.append(base64.b64encode(allb).decode())
lines.append(binascii.hexlify(allb).decode())
lines.append("true\ttrue")
assert binascii.unhexlify("4A6bFf00") == b"\x4a\x6b\xff\x00"
lines.append("true\t" + binascii.hexlify(b"12").decode() + "\t" + base64.b64encode(b"12").decode())
# encoder.c fromBase64 ignores the unused low bits of the last character (Python does too).
lines.append("\t".join(base64.b64decode(x).decode() for x in ["QR==", "QUI=", "QUJD"]))
# encoder.c fromBase64: `if (n & 3) luaL_error(L, "Invalid base64 string")` (length not a
# multiple of 4); then every character before the padding (1 '=' or, if the one before is '='
# too, 2) must be in A-Za-z0-9+/, else the same error; no whitespace, no URL alphabet.
# luaL_error in a C function adds no position.
bad64 = ["A", "AB", "ABC", "ABCDE", "A===", "====", "A=B=", "AB=C", "QU I", "QUI\n", "QUJD\n", "Q-==", "Q_==", "QUJ*"]
lines += ["false\tInvalid base64 string"] * len(bad64)
# encoder.c fromHex: `if (n & 1) luaL_error(L, "Invalid hex string")`, and any character not
# 0-9, a-f, A-F gives the same error.
badhex = ["a", "abc", "0g", "zz", " 0", "0x00", "4A6b4"]
for s in badhex:
    try:
        binascii.unhexlify(s)
        raise SystemExit("python accepts " + s)
    except (binascii.Error, ValueError):
        pass
lines += ["false\tInvalid hex string"] * len(badhex)
lines.append("\t\t\t")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "encoder.expected"), "w") as f:
    f.write("\n".join(lines) + "\n")
