#!/usr/bin/env python3
"""Reads the flash NodeMCU's own loader wrote for an LFS image (luac.cross.m32 -F IMAGE -a ADDR
-o FLASH: lundump.c's stores on the ESP8266's 32-bit layout, addresses absolute from ADDR) and
checks that every module's string constants are the strings the image file says (decode.py's
reading): what a chip would run.
  flash.py FLASH IMAGE [ADDR]     exit 0 when equal, else print both and exit 1"""
import struct
import sys

import decode


def flash_strings(flash, base, number_bytes):
    word = lambda off: struct.unpack_from("<I", flash, off)[0]
    header = struct.unpack_from("<12I", flash, 0)
    table = header[7] * 4  # protoROTable, in words
    count = flash[table + 7]  # lsizenode: the module count
    entries = word(table + 12) - base
    value_bytes = 8 if number_bytes == 4 else 12
    out = []

    def proto(at):
        sizes = struct.unpack_from("<8i", flash, at + 12)
        pointers = struct.unpack_from("<8I", flash, at + 44)
        k = pointers[0] - base
        for i in range(sizes[1]):
            tag = word(k + i * value_bytes + value_bytes - 4)
            if tag & 0x0F == 4:  # a string
                ts = word(k + i * value_bytes) - base
                length = flash[ts + 7] if tag & 0x30 == 0 else word(ts + 12)
                out.append(flash[ts + 16:ts + 16 + length])
        for i in range(sizes[4]):
            proto(word(pointers[2] - base + 4 * i) - base)

    for m in range(count):
        proto(word(entries + m * (4 + value_bytes) + 4) - base)  # the entry's value: the Proto
    return out


def image_strings(image):
    lines = decode.decode(image)
    # decode.py shows a string as the repr of its latin-1 text.
    return [eval(l.split(" string ", 1)[1]).encode("latin-1") for l in lines
            if l.startswith("  k") and " string " in l]


def main(argv):
    flash = open(argv[0], "rb").read()
    image = open(argv[1], "rb").read()
    base = int(argv[2], 0) if len(argv) > 2 else 0x40280000
    got = flash_strings(flash, base, image[15])
    want = image_strings(image)
    if got != want:
        print("flash: %r\nimage: %r" % (got[:40], want[:40]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
