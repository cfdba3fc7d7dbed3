import FlashLuaCore

/// NodeMCU's `bit` module (app/modules/bit.c) with the chip's 32-bit lua_Integer: every result is
/// truncated to int32; shift counts are taken modulo 32 as the host build of the C code does.
extension LuaState {
    func openBitLibrary() throws(LuaError) {
        let bit = try globalTable("bit")
        try register(
            bit,
            [
                ("bnot", { (L: LuaState) throws(LuaError) -> Int in L.bitResult(~(try L.bitArgument(1))) }),
                ("band", { (L: LuaState) throws(LuaError) -> Int in try L.bitFold { $0 & $1 } }),
                ("bor", { (L: LuaState) throws(LuaError) -> Int in try L.bitFold { $0 | $1 } }),
                ("bxor", { (L: LuaState) throws(LuaError) -> Int in try L.bitFold { $0 ^ $1 } }),
                ("lshift", { (L: LuaState) throws(LuaError) -> Int in
                    let v = try L.bitArgument(1)
                    return L.bitResult(v << (try L.bitArgument(2) & 31))
                }),
                ("rshift", { (L: LuaState) throws(LuaError) -> Int in
                    let v = UInt32(bitPattern: try L.bitArgument(1))
                    return L.bitResult(Int32(bitPattern: v >> UInt32(bitPattern: try L.bitArgument(2) & 31)))
                }),
                ("arshift", { (L: LuaState) throws(LuaError) -> Int in
                    let v = try L.bitArgument(1)
                    return L.bitResult(v >> (try L.bitArgument(2) & 31))
                }),
                ("bit", { (L: LuaState) throws(LuaError) -> Int in L.bitResult(1 << (try L.bitArgument(1) & 31)) }),
                ("set", { (L: LuaState) throws(LuaError) -> Int in
                    var v = try L.bitArgument(1)
                    var i = 2
                    while i <= L.argumentCount { v |= 1 << (try L.bitArgument(i) & 31); i += 1 }
                    return L.bitResult(v)
                }),
                ("clear", { (L: LuaState) throws(LuaError) -> Int in
                    var v = try L.bitArgument(1)
                    var i = 2
                    while i <= L.argumentCount { v &= ~(1 << (try L.bitArgument(i) & 31)); i += 1 }
                    return L.bitResult(v)
                }),
                ("isset", { (L: LuaState) throws(LuaError) -> Int in
                    let v = try L.bitArgument(1)
                    return L.returnValue(Value(v & (1 << (try L.bitArgument(2) & 31)) != 0))
                }),
                ("isclear", { (L: LuaState) throws(LuaError) -> Int in
                    let v = try L.bitArgument(1)
                    return L.returnValue(Value(v & (1 << (try L.bitArgument(2) & 31)) == 0))
                }),
            ])
        try setLoaded("bit", Value(bit))
    }

    /// luaL_checkinteger with the chip's 32-bit lua_Integer.
    private func bitArgument(_ n: Int) throws(LuaError) -> Int32 {
        Int32(truncatingIfNeeded: try checkInteger(n))
    }

    private func bitResult(_ v: Int32) -> Int { returnValue(Value(Int64(v))) }

    private func bitFold(_ op: (Int32, Int32) -> Int32) throws(LuaError) -> Int {
        var w = try bitArgument(1)
        var i = 2
        while i <= argumentCount { w = op(w, try bitArgument(i)); i += 1 }
        return bitResult(w)
    }
}
