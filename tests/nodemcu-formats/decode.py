#!/usr/bin/env python3
"""Independent decoder of NodeMCU's dump formats, written from app/lua53/ldump.c and lundump.c
(not from FlashLua's Swift code): format 10 (.lc, luaU_dump) and format 11 (LFS image,
luaU_DumpAllProtos), both number models (sizes 4/4 and 8/8).

  decode.py FILE              print header, strings, every proto (code, constants, upvalues,
                              decoded line numbers, locals) as text, for readable diffs
  decode.py --normalize IN OUT
                              copy IN to OUT with an image's seed replaced by 0, the one field
                              luac.cross fills at random (luai_makeseed)
  decode.py --timestamp IMG   print an image's build time (the names vector's last constant)
"""
import struct
import sys

OPNAMES = ("MOVE LOADK LOADKX LOADBOOL LOADNIL GETUPVAL GETTABUP GETTABLE SETTABUP SETUPVAL "
           "SETTABLE NEWTABLE SELF ADD SUB MUL MOD POW DIV IDIV BAND BOR BXOR SHL SHR UNM BNOT "
           "NOT LEN CONCAT JMP EQ LT LE TEST TESTSET CALL TAILCALL RETURN FORLOOP FORPREP "
           "TFORCALL TFORLOOP SETLIST CLOSURE VARARG EXTRAARG").split()

T_NIL, T_BOOL, T_FLT, T_PINT, T_NINT, T_SSTR, T_LSTR = (x << 4 for x in range(7))


class DecodeError(Exception):
    pass


class Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.int_size = 4
        self.num_size = 4
        self.strings = None  # image string vector when strings are references

    def take(self, n):
        if n < 0 or self.pos + n > len(self.data):
            raise DecodeError("truncated at byte %d" % self.pos)
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def byte(self):
        return self.take(1)[0]

    def mbe(self, start=0):
        x = start
        while True:
            b = self.byte()
            x = (x << 7) + (b & 0x7F)
            if not b & 0x80:
                return x

    def typed(self, tt):
        x = tt & 0x0F
        if tt & 0x80:
            x = self.mbe(x)
        return -x - 1 if tt & 0x70 == T_NINT else x

    def number(self):
        if self.num_size == 4:
            return struct.unpack("<f", self.take(4))[0]
        return struct.unpack("<d", self.take(8))[0]

    def string(self, tt=None):
        if tt is None:
            tt = self.byte()
        n = self.typed(tt) - 1
        if n < 0:
            return None
        if self.strings is not None:
            if n >= len(self.strings):
                raise DecodeError("string reference %d out of range" % (n + 1))
            return self.strings[n]
        return self.take(n)

    def header(self, fmt):
        if self.take(4) != b"\x1bLua":
            raise DecodeError("not a Lua dump")
        version, found = self.byte(), self.byte()
        if version != 0x53 or found != fmt:
            raise DecodeError("version/format %#x/%d, expected 0x53/%d" % (version, found, fmt))
        if self.take(6) != b"\x19\x93\r\n\x1a\n":
            raise DecodeError("corrupted LUAC_DATA")
        sizes = tuple(self.take(4))
        self.int_size, self.num_size = sizes[2], sizes[3]
        if sizes[:2] != (4, 4) or (self.int_size, self.num_size) not in ((4, 4), (8, 8)):
            raise DecodeError("sizes %r" % (sizes,))
        self.byte()
        if self.number() != 370.5:
            raise DecodeError("LUAC_NUM mismatch")
        return sizes


def decode_lines(packed, ncode):
    """luaG_getfuncline over the whole vector: per-pc lines."""
    lines, line, delta, shift, sign = [], 0, 0, 0, -1
    for b in packed:
        if b & 0x80:
            if shift == 0:
                sign, delta, shift = (1 if b & 0x40 else 0), b & 0x3F, 6
            else:
                delta += (b & 0x7F) << shift
                shift += 7
        else:
            if b == 0:
                break
            line += 1 if sign < 0 else (-delta if sign else delta + 2)
            delta, shift, sign = 0, 0, -1
            lines += [line] * b
    if len(lines) != ncode:
        raise DecodeError("line info covers %d of %d instructions" % (len(lines), ncode))
    return lines


def show(s):
    return "nil" if s is None else repr(s.decode("latin-1"))


def load_function(r, out, path, parent_source):
    source = r.string()
    src_shown = "(parent's)" if source is None else show(source)
    if source is None:
        source = parent_source
    f = {"linedefined": r.mbe(), "lastlinedefined": r.mbe(),
         "numparams": r.byte(), "is_vararg": r.byte(), "maxstacksize": r.byte()}
    out.append("function %s source %s lines %d-%d params %d vararg %d stack %d" % (
        path, src_shown, f["linedefined"], f["lastlinedefined"], f["numparams"], f["is_vararg"],
        f["maxstacksize"]))
    children = []
    for i in range(r.mbe()):
        sub = []
        load_function(r, sub, "%s.%d" % (path, i), source)
        children.append(sub)
    ncode = r.mbe()
    code = struct.unpack("<%dI" % ncode, r.take(4 * ncode))
    consts = load_constants(r)
    nostrip = r.byte()
    upvalues = []
    for _ in range(r.mbe()):
        name = r.string() if nostrip else None
        upvalues.append((name, r.byte(), r.byte()))
    packed = r.take(r.mbe())
    lines = decode_lines(packed, ncode) if packed else []
    locals_ = []
    for _ in range(r.mbe()):
        locals_.append((r.string(), r.mbe(), r.mbe()))
    for pc, ins in enumerate(code):
        op = ins & 0x3F
        name = OPNAMES[op] if op < len(OPNAMES) else "op%d" % op
        a, c, b, bx = (ins >> 6) & 0xFF, (ins >> 14) & 0x1FF, (ins >> 23) & 0x1FF, ins >> 14
        line = lines[pc] if lines else "-"
        out.append("  %4d [%s] %-9s %08x A=%d B=%d C=%d Bx=%d" % (pc + 1, line, name, ins, a, b, c, bx))
    for i, k in enumerate(consts):
        out.append("  k%d = %s" % (i, k))
    out.append("  upvalues (names %s):" % ("kept" if nostrip else "stripped"))
    for i, (name, instack, idx) in enumerate(upvalues):
        out.append("    %d %s instack=%d idx=%d" % (i, show(name), instack, idx))
    out.append("  lineinfo %d bytes: %s" % (len(packed), packed.hex()))
    for name, start, end in locals_:
        out.append("  local %s %d-%d" % (show(name), start, end))
    for sub in children:
        out.extend(sub)


def load_constants(r):
    consts = []
    for _ in range(r.mbe()):
        tt = r.byte()
        t = tt & 0x70
        if t == T_NIL:
            consts.append("nil")
        elif t == T_BOOL:
            consts.append("true" if tt != T_BOOL else "false")
        elif t == T_FLT:
            consts.append("float %r" % r.number())
        elif t in (T_PINT, T_NINT):
            consts.append("integer %d" % r.typed(tt))
        elif t in (T_SSTR, T_LSTR):
            consts.append("%s string %s" % ("short" if t == T_SSTR else "long", show(r.string(tt))))
        else:
            raise DecodeError("constant type byte %#x" % tt)
    return consts


# ldump.c addFixedStrings: luaX tokens, MEMERRMSG, LUA_ENV, luaT event and type names (a set).
FIXED = ("and break do else elseif end false for function goto if in local nil not or repeat "
         "return then true until while // .. ... == >= <= ~= << >> :: <eof> <number> <integer> "
         "<name> <string>").split() + ["not enough memory", "_ENV"] + (
    "__index __newindex __gc __mode __len __eq __add __sub __mul __mod __pow __div __idiv "
    "__band __bor __bxor __shl __shr __unm __bnot __lt __le __concat __call").split() + [
    "no value", "nil", "boolean", "userdata", "number", "string", "table", "function",
    "userdata", "thread", "proto"]


def chip_fixed():
    found, out = set(), []
    for s in FIXED:
        if s in ("nil", "function"):
            if s in found:
                continue
            found.add(s)
        out.append(s.encode())
    return out


def fixed_set():
    seen = []
    for s in FIXED:
        if s.encode() not in seen:
            seen.append(s.encode())
    return seen


def decode(data):
    out = []
    r = Reader(data)
    fmt = data[5] if len(data) > 5 else -1
    sizes = r.header(fmt)
    out.append("format %d sizes int=%d Instruction=%d lua_Integer=%d lua_Number=%d" % ((fmt,) + sizes))
    if fmt == 10:
        out.append("main upvalues %d" % r.byte())
        load_function(r, out, "main", None)
    elif fmt == 11:
        seed_at = r.pos
        out.append("seed %d" % r.typed(r.byte()))
        if r.take(3) != b"\x19ss":
            raise DecodeError("no string vector")
        maxlen, nshort, nlong, nstrings = r.mbe(), r.mbe(), r.mbe(), r.mbe()
        out.append("strings: maxlen %d short %d long %d in image %d" % (maxlen, nshort, nlong, nstrings))
        strings = []
        for i in range(nstrings):
            strings.append(r.string())
            out.append("  s%d %s" % (i + 1, show(strings[-1])))
        # References resolve as the chip's loader stores the fixed strings (after the image's,
        # lundump.c addTSnodup: only the second "nil" and "function" skipped).
        r.strings = strings + chip_fixed()
        if r.take(3) != b"\x19pr":
            raise DecodeError("no Proto vector")
        n = r.mbe()
        for i in range(n):
            load_function(r, out, "module%d" % i, None)
        names = load_constants(r)
        out.append("names: " + ", ".join(names))
        out.append("seed offset %d" % seed_at)
    else:
        raise DecodeError("unknown format %d" % fmt)
    if r.pos != len(data):
        out.append("trailing %d bytes" % (len(data) - r.pos))
    return out


def seed_span(data):
    r = Reader(data)
    r.header(11)
    start = r.pos
    r.typed(r.byte())
    return start, r.pos


def main(argv):
    try:
        if argv[:1] == ["--normalize"]:
            data = open(argv[1], "rb").read()
            if len(data) > 5 and data[5] == 11:
                start, end = seed_span(data)
                data = data[:start] + bytes([T_PINT]) + data[end:]
            open(argv[2], "wb").write(data)
        elif argv[:1] == ["--timestamp"]:
            lines = decode(open(argv[1], "rb").read())
            names = [l for l in lines if l.startswith("names: ")][0]
            print(names.rsplit("integer ", 1)[1])
        else:
            print("\n".join(decode(open(argv[0], "rb").read())))
    except DecodeError as e:
        print("decode.py: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
