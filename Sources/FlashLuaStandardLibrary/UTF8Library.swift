import FlashLuaCore
import FlashLuaText

/// The utf8 library (lutf8lib.c of Lua 5.3): char, charpattern, codes, codepoint, len, offset.
extension LuaState {
    func openUTF8Library() throws(LuaError) {
        let lib = try newTable()
        try register(
            lib,
            [
                ("offset", { (L: LuaState) throws(LuaError) -> Int in try L.utf8Offset() }),
                ("codepoint", { (L: LuaState) throws(LuaError) -> Int in try L.utf8Codepoint() }),
                ("char", { (L: LuaState) throws(LuaError) -> Int in try L.utf8Char() }),
                ("len", { (L: LuaState) throws(LuaError) -> Int in try L.utf8Len() }),
            ])
        // codes keeps its iterator in an upvalue.
        let iterator = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.utf8CodesStep() })
        let codes = try newNativeClosure(
            { (L: LuaState) throws(LuaError) -> Int in
                let s = try L.checkString(1)
                return try L.returnValues(L.currentNativeUpvalue(0), Value(s), Value(Int64(0)))
            }, upvalues: 1)
        codes.upvalues[0] = Value(iterator)
        try setField(lib, "codes", Value(codes))
        let pattern: [UInt8] = [
            UInt8(ascii: "["), 0, UInt8(ascii: "-"), 0x7F, 0xC2, UInt8(ascii: "-"), 0xF4,
            UInt8(ascii: "]"), UInt8(ascii: "["), 0x80, UInt8(ascii: "-"), 0xBF, UInt8(ascii: "]"),
            UInt8(ascii: "*"),
        ]
        try setField(lib, "charpattern", Value(try newString(pattern)))
        try setField(globals, "utf8", Value(lib))
        try setLoaded("utf8", Value(lib))
    }

    private func utf8Char() throws(LuaError) -> Int {
        let n = argumentCount
        var out: [UInt8] = []
        for i in 1...max(n, 1) where i <= n {
            let code = try checkInteger(i)
            guard UInt64(bitPattern: code) <= UInt64(UTF8Text.maxUnicode) else { throw argumentError(i, "value out of range") }
            UTF8Text.encode(UInt32(code), to: &out)
        }
        return try returnValues(Value(try newString(out)))
    }

    private func utf8Len() throws(LuaError) -> Int {
        let s = try checkString(1)
        let len = s.count
        var posi = relativePosition(try optionalInteger(2, default: 1), len)
        var posj = relativePosition(try optionalInteger(3, default: -1), len)
        guard 1 <= posi else { throw argumentError(2, "initial position out of string") }
        posi -= 1
        guard posi <= Int64(len) else { throw argumentError(2, "initial position out of string") }
        posj -= 1
        guard posj < Int64(len) else { throw argumentError(3, "final position out of string") }
        var n: Int64 = 0
        var i = Int(posi)
        let b = s.buffer
        while i <= Int(posj) {
            guard let (_, next) = UTF8Text.decode(b, at: i) else {
                return try returnValues(.nil, Value(Int64(i + 1)))
            }
            i = next
            n += 1
        }
        return try returnValues(Value(n))
    }

    private func utf8Codepoint() throws(LuaError) -> Int {
        let s = try checkString(1)
        let len = s.count
        let posi = relativePosition(try optionalInteger(2, default: 1), len)
        let pose = relativePosition(try optionalInteger(3, default: posi), len)
        guard posi >= 1 else { throw argumentError(2, "out of range") }
        guard pose <= Int64(len) else { throw argumentError(3, "out of range") }
        if posi > pose { return 0 }
        if pose - posi >= Int64(Int32.max) { throw nativeError("string slice too long") }
        let count = Int(pose - posi) + 1
        try checkStackSpace(count, "string slice too long")
        var n = 0
        var i = Int(posi) - 1
        let end = Int(pose)
        let b = s.buffer
        while i < end {
            guard let (code, next) = UTF8Text.decode(b, at: i) else { throw nativeError("invalid UTF-8 code") }
            push(Value(Int64(code)))
            n += 1
            i = next
        }
        return n
    }

    private func utf8Offset() throws(LuaError) -> Int {
        let s = try checkString(1)
        let len = s.count
        var n = try checkInteger(2)
        let defaultStart: Int64 = n >= 0 ? 1 : Int64(len) + 1
        var posi = relativePosition(try optionalInteger(3, default: defaultStart), len)
        guard 1 <= posi else { throw argumentError(3, "position out of range") }
        posi -= 1
        guard posi <= Int64(len) else { throw argumentError(3, "position out of range") }
        let b = s.buffer
        var p = Int(posi)
        if n == 0 {
            while p > 0 && UTF8Text.isContinuation(b, p) { p -= 1 }
        } else {
            if UTF8Text.isContinuation(b, p) { throw nativeError("initial position is a continuation byte") }
            if n < 0 {
                while n < 0 && p > 0 {
                    repeat { p -= 1 } while p > 0 && UTF8Text.isContinuation(b, p)
                    n += 1
                }
            } else {
                n -= 1
                while n > 0 && p < len {
                    repeat { p += 1 } while UTF8Text.isContinuation(b, p)
                    n -= 1
                }
            }
        }
        if n == 0 { return try returnValues(Value(Int64(p + 1))) }
        return try returnValues(.nil)
    }

    private func utf8CodesStep() throws(LuaError) -> Int {
        let s = try checkString(1)
        let len = s.count
        let b = s.buffer
        var n = (toInteger(argument(2)) ?? 0) &- 1
        if n < 0 {
            n = 0
        } else if n < Int64(len) {
            n += 1
            while UTF8Text.isContinuation(b, Int(n)) { n += 1 }
        }
        if n >= Int64(len) { return 0 }
        guard let (code, next) = UTF8Text.decode(b, at: Int(n)), !UTF8Text.isContinuation(b, next) else {
            throw nativeError("invalid UTF-8 code")
        }
        return try returnValues(Value(n + 1), Value(Int64(code)))
    }
}
