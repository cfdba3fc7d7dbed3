import FlashLuaCore

/// The bit32 library (lbitlib.c of Lua 5.3.6 with LUA_COMPAT_BITLIB, as Debian's lua5.3 has it
/// through LUA_COMPAT_5_2). Arguments go through luaL_checkinteger and are then taken as
/// lua_Unsigned (so negative integers and floats with integral values are accepted, other
/// floats are "number has no integer representation"); results are the low 32 bits pushed as an
/// integer. Every function is a capture-free native function that allocates nothing.
extension LuaState {
    func openBit32Library() throws(LuaError) {
        let lib = try newTable(arraySize: 0, hashSize: 16)
        try register(
            lib,
            [
                ("arshift", { (L: LuaState) throws(LuaError) -> Int in try L.bit32ArithmeticShift() }),
                (
                    "band",
                    { (L: LuaState) throws(LuaError) -> Int in
                        L.returnValue(bit32Push(try L.bit32AndArguments()))
                    }
                ),
                (
                    "bnot",
                    { (L: LuaState) throws(LuaError) -> Int in
                        L.returnValue(bit32Push(bit32Trim(~(try L.bit32Unsigned(1)))))
                    }
                ),
                (
                    "bor",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let n = L.argumentCount
                        var r: UInt64 = 0
                        var i = 1
                        while i <= n {
                            r |= try L.bit32Unsigned(i)
                            i += 1
                        }
                        return L.returnValue(bit32Push(bit32Trim(r)))
                    }
                ),
                (
                    "btest",
                    { (L: LuaState) throws(LuaError) -> Int in
                        L.returnValue(Value(try L.bit32AndArguments() != 0))
                    }
                ),
                (
                    "bxor",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let n = L.argumentCount
                        var r: UInt64 = 0
                        var i = 1
                        while i <= n {
                            r ^= try L.bit32Unsigned(i)
                            i += 1
                        }
                        return L.returnValue(bit32Push(bit32Trim(r)))
                    }
                ),
                (
                    "extract",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let r = bit32Trim(try L.bit32Unsigned(1))
                        let (f, w) = try L.bit32FieldArguments(2)
                        return L.returnValue(bit32Push((r >> UInt64(f)) & bit32Mask(w)))
                    }
                ),
                (
                    "lrotate",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let d = try L.checkInteger(2)
                        return L.returnValue(bit32Push(bit32Rotate(try L.bit32Unsigned(1), d)))
                    }
                ),
                (
                    "lshift",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // b_shift(L, checkunsigned(L, 1), luaL_checkinteger(L, 2)): GCC evaluates
                        // the arguments right to left, so argument 2 is checked first.
                        let i = try L.checkInteger(2)
                        return L.returnValue(bit32Push(bit32Shift(try L.bit32Unsigned(1), i)))
                    }
                ),
                (
                    "replace",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let r = bit32Trim(try L.bit32Unsigned(1))
                        let v = bit32Trim(try L.bit32Unsigned(2))
                        let (f, w) = try L.bit32FieldArguments(3)
                        let m = bit32Mask(w)
                        let s = UInt64(f)
                        return L.returnValue(bit32Push((r & ~(m << s)) | ((v & m) << s)))
                    }
                ),
                (
                    "rrotate",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let d = try L.checkInteger(2)
                        return L.returnValue(bit32Push(bit32Rotate(try L.bit32Unsigned(1), 0 &- d)))
                    }
                ),
                (
                    "rshift",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let i = try L.checkInteger(2)
                        return L.returnValue(bit32Push(bit32Shift(try L.bit32Unsigned(1), 0 &- i)))
                    }
                ),
            ])
        try setField(globals, "bit32", Value(lib))
        try setLoaded("bit32", Value(lib))
    }

    /// checkunsigned: `(lua_Unsigned)luaL_checkinteger(L, i)`.
    @inline(__always)
    fileprivate func bit32Unsigned(_ n: Int) throws(LuaError) -> UInt64 {
        UInt64(bitPattern: try checkInteger(n))
    }

    /// andaux: the AND of all arguments (none: all ones), trimmed to 32 bits.
    fileprivate func bit32AndArguments() throws(LuaError) -> UInt64 {
        let n = argumentCount
        var r: UInt64 = ~0
        var i = 1
        while i <= n {
            r &= try bit32Unsigned(i)
            i += 1
        }
        return bit32Trim(r)
    }

    /// b_arshift: checks argument 1, then 2.
    fileprivate func bit32ArithmeticShift() throws(LuaError) -> Int {
        var r = try bit32Unsigned(1)
        let i = try checkInteger(2)
        if i < 0 || r & (1 << 31) == 0 { return returnValue(bit32Push(bit32Shift(r, 0 &- i))) }
        if i >= 32 {
            r = bit32AllOnes
        } else {
            let s = UInt64(i)
            r = bit32Trim((r >> s) | ~(bit32Trim(~0) >> s))
        }
        return returnValue(bit32Push(r))
    }

    /// fieldargs: field at `farg`, width (default 1) at `farg + 1`, with lbitlib.c's checks.
    fileprivate func bit32FieldArguments(_ farg: Int) throws(LuaError) -> (Int64, Int64) {
        let f = try checkInteger(farg)
        let w = try optionalInteger(farg + 1, default: 1)
        if f < 0 { throw argumentError(farg, "field cannot be negative") }
        if w <= 0 { throw argumentError(farg + 1, "width must be positive") }
        if f &+ w > 32 { throw nativeError("trying to access non-existent bits") }
        return (f, w)
    }
}

private let bit32AllOnes: UInt64 = 0xFFFF_FFFF

@inline(__always) private func bit32Trim(_ x: UInt64) -> UInt64 { x & bit32AllOnes }

/// mask(n): the low n bits (1 <= n <= 32).
@inline(__always) private func bit32Mask(_ n: Int64) -> UInt64 { ~((bit32AllOnes << 1) << UInt64(truncatingIfNeeded: n &- 1)) }

/// pushunsigned: `lua_pushinteger(L, (lua_Integer)n)`.
@inline(__always) private func bit32Push(_ x: UInt64) -> Value { Value(Int64(bitPattern: x)) }

/// b_shift: a negative count shifts right.
@inline(__always) private func bit32Shift(_ x: UInt64, _ count: Int64) -> UInt64 {
    var r = x
    if count < 0 {
        r = bit32Trim(r)
        // -count of mininteger stays negative: as in C (a huge unsigned count), no bits remain.
        let c = 0 &- count
        r = c >= 32 || c < 0 ? 0 : r >> UInt64(c)
    } else {
        r = count >= 32 ? 0 : bit32Trim(r << UInt64(count))
    }
    return r
}

/// b_rot: rotate left by d mod 32.
@inline(__always) private func bit32Rotate(_ x: UInt64, _ d: Int64) -> UInt64 {
    let i = UInt64(truncatingIfNeeded: d & 31)
    let r = bit32Trim(x)
    if i == 0 { return r }
    return bit32Trim((r << i) | (r >> (32 - i)))
}
