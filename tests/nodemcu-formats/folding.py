#!/usr/bin/env python3
"""Writes Lua files of random constant expressions (a fixed seed, so every run is the same) that
exercise constant folding at the number model's edges: integers around 2^31 and 2^63, hex that
wraps, floats beyond single precision, infinities, -0, NaN, shifts past the width, division and
modulo by zero, float to integer conversions for bitwise operators.
  folding.py OUTDIR [FILES] [EXPRESSIONS]"""
import random
import sys

LITERALS = [
    "0", "1", "2", "3", "7", "-1", "31", "32", "33", "63", "64", "-31", "-32", "-33",
    "0x7fffffff", "0x80000000", "0xffffffff", "0x100000000", "2147483647", "2147483648",
    "-2147483648", "4294967296", "9007199254740993", "9223372036854775807", "0x7fffffffffffffff",
    "0xffffffffffffffff", "16777216", "16777217", "3000000000",
    "0.0", "-0.0", "0.5", "1.5", "2.5", "0.1", "1e10", "1e38", "3.4e38", "3.5e38", "1e300",
    "16777217.0", "2147483648.0", "-2147483649.0", "4294967296.0", "1e-45", "1e-40", "0x1p31",
    "0x1.8p1", "123.456", "-7.25", "2^31", "2^63", "1/0", "-1/0", "0/0",
]
BINARY = ["+", "-", "*", "/", "//", "%", "^", "&", "|", "~", "<<", ">>"]
UNARY = ["-", "~"]


def expression(rng, depth):
    if depth == 0 or rng.random() < 0.3:
        return rng.choice(LITERALS)
    if rng.random() < 0.2:
        return "%s(%s)" % (rng.choice(UNARY), expression(rng, depth - 1))
    return "(%s %s %s)" % (expression(rng, depth - 1), rng.choice(BINARY), expression(rng, depth - 1))


def main(argv):
    out = argv[0]
    files = int(argv[1]) if len(argv) > 1 else 4
    count = int(argv[2]) if len(argv) > 2 else 400
    rng = random.Random(20261208)
    for n in range(files):
        with open("%s/folding%d.lua" % (out, n), "w") as f:
            f.write("local t = {}\n")
            for i in range(count):
                f.write("t[%d] = %s\n" % (i + 1, expression(rng, 3)))
            f.write("return t\n")


if __name__ == "__main__":
    main(sys.argv[1:])
