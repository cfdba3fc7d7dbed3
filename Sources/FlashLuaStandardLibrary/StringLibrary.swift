import FlashLuaBytecode
import FlashLuaCore
import FlashLuaText

/// The string library (lstrlib.c): registration, the string metatable and the simple functions.
/// Patterns are in StringPatterns.swift, format in StringFormatting.swift, pack/unpack in
/// StringPacking.swift; the byte-level algorithms live in FlashLuaText.
extension LuaState {
    func openStringLibrary() throws(LuaError) {
        let lib = try newTable()
        try register(
            lib,
            [
                ("byte", { (L: LuaState) throws(LuaError) -> Int in try L.strByte() }),
                ("char", { (L: LuaState) throws(LuaError) -> Int in try L.strChar() }),
                ("dump", { (L: LuaState) throws(LuaError) -> Int in try L.strDump() }),
                ("find", { (L: LuaState) throws(LuaError) -> Int in try L.strFind(find: true) }),
                ("format", { (L: LuaState) throws(LuaError) -> Int in try L.strFormat() }),
                ("gmatch", { (L: LuaState) throws(LuaError) -> Int in try L.strGmatch() }),
                ("gsub", { (L: LuaState) throws(LuaError) -> Int in try L.strGsub() }),
                (
                    "len",
                    { (L: LuaState) throws(LuaError) -> Int in
                        try L.returnValues(Value(Int64(try L.checkString(1).count)))
                    }
                ),
                ("lower", { (L: LuaState) throws(LuaError) -> Int in try L.strMap { CharacterClass.toLower($0) } }),
                ("match", { (L: LuaState) throws(LuaError) -> Int in try L.strFind(find: false) }),
                ("rep", { (L: LuaState) throws(LuaError) -> Int in try L.strRep() }),
                ("reverse", { (L: LuaState) throws(LuaError) -> Int in try L.strReverse() }),
                ("sub", { (L: LuaState) throws(LuaError) -> Int in try L.strSub() }),
                ("upper", { (L: LuaState) throws(LuaError) -> Int in try L.strMap { CharacterClass.toUpper($0) } }),
                ("pack", { (L: LuaState) throws(LuaError) -> Int in try L.strPack() }),
                ("packsize", { (L: LuaState) throws(LuaError) -> Int in try L.strPackSize() }),
                ("unpack", { (L: LuaState) throws(LuaError) -> Int in try L.strUnpack() }),
            ])
        try setField(globals, "string", Value(lib))
        try setLoaded("string", Value(lib))
        // The metatable shared by all strings: __index = string, so s:len() works.
        let mt = try newTable()
        try setField(mt, "__index", Value(lib))
        setTypeMetatable(.shortString, mt)
    }

    // MARK: Functions

    private func strSub() throws(LuaError) -> Int {
        let s = try checkString(1)
        let l = s.count
        var start = relativePosition(try checkInteger(2), l)
        var end = relativePosition(try optionalInteger(3, default: -1), l)
        if start < 1 { start = 1 }
        if end > Int64(l) { end = Int64(l) }
        if start > end { return try returnValues(Value(try newString(""))) }
        return try returnValues(Value(try newString(s.buffer, Int(start) - 1, Int(end))))
    }

    /// lower/upper: a byte-wise mapped copy.
    private func strMap(_ f: (UInt8) -> UInt8) throws(LuaError) -> Int {
        let s = try checkString(1)
        let n = s.count
        let (dst, p) = try newStringBuffer(count: n)
        let src = s.bytes
        for i in 0..<n { dst[i] = f(src[i]) }
        return try returnValues(Value(try finishString(p)))
    }

    private func strReverse() throws(LuaError) -> Int {
        let s = try checkString(1)
        let n = s.count
        let (dst, p) = try newStringBuffer(count: n)
        let src = s.bytes
        for i in 0..<n { dst[i] = src[n - 1 - i] }
        return try returnValues(Value(try finishString(p)))
    }

    private func strRep() throws(LuaError) -> Int {
        let s = try checkString(1)
        let n = try checkInteger(2)
        let sep = try optionalString(3)
        let l = s.count
        let lsep = sep?.count ?? 0
        if n <= 0 || l + lsep == 0 { return try returnValues(Value(try newString(""))) }
        if l + lsep > (n > Int64(PackFormat.maxSize) ? 0 : PackFormat.maxSize / Int(n)) {
            throw nativeError("resulting string too large")
        }
        let count = Int(n)
        let total = count * l + (count - 1) * lsep
        if total <= LuaString.maxShortLength {
            var bytes: [UInt8] = []
            for i in 0..<count {
                bytes.append(contentsOf: s.buffer)
                if i < count - 1, let sep { bytes.append(contentsOf: sep.buffer) }
            }
            return try returnValues(Value(try newString(bytes)))
        }
        let (dst, p) = try newStringBuffer(count: total)
        var o = 0
        let src = s.bytes
        for i in 0..<count {
            if l > 0 {
                (dst + o).update(from: src, count: l)
                o += l
            }
            if i < count - 1, let sep, lsep > 0 {
                (dst + o).update(from: sep.bytes, count: lsep)
                o += lsep
            }
        }
        return try returnValues(Value(try finishString(p)))
    }

    private func strByte() throws(LuaError) -> Int {
        let s = try checkString(1)
        let l = s.count
        let posi = relativePosition(try optionalInteger(2, default: 1), l)
        let pose = relativePosition(try optionalInteger(3, default: posi), l)
        let first = max(posi, 1)
        let last = min(pose, Int64(l))
        if first > last { return 0 }
        if last - first >= Int64(Int32.max) { throw nativeError("string slice too long") }
        let n = Int(last - first) + 1
        try checkStackSpace(n, "string slice too long")
        let b = s.bytes
        for i in 0..<n { push(Value(Int64(b[Int(first) - 1 + i]))) }
        return n
    }

    private func strChar() throws(LuaError) -> Int {
        let n = argumentCount
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        for i in 0..<n {
            let c = try checkInteger(i + 1)
            guard c >= 0 && c <= 255 else { throw argumentError(i + 1, "value out of range") }
            bytes.append(UInt8(c))
        }
        return try returnValues(Value(try newString(bytes)))
    }

    private func strDump() throws(LuaError) -> Int {
        let strip = !argument(2).isFalsy
        let f = argument(1)
        guard f.isFunction else { throw argumentTypeError(1, expected: "function") }
        guard f.tag == .luaFunction else { throw nativeError("unable to dump given function") }
        let p = f.luaClosure.proto
        // A soft function not loaded now: its code is in its file.
        let description = p.softFlags & SoftFlags.stub != 0 ? try softDescription(p) : p.functionDescription()
        let bytes = BinaryChunk.dump(description, strip: strip)
        return try returnValues(Value(try newString(bytes)))
    }
}
