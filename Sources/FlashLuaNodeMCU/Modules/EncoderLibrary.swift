import FlashLuaCore
/// NodeMCU's `encoder` module (app/modules/encoder.c): toBase64, fromBase64, toHex, fromHex,
/// with encoder.c's rules and its error messages.
extension LuaState {
    func openEncoderLibrary() throws(LuaError) {
        let encoder = try newTable()
        try register(
            encoder,
            [
                ("toBase64", { (L: LuaState) throws(LuaError) -> Int in try L.encoderConvert(LuaState.toBase64, "") }),
                ("fromBase64", { (L: LuaState) throws(LuaError) -> Int in try L.encoderConvert(LuaState.fromBase64, "Invalid base64 string") }),
                ("toHex", { (L: LuaState) throws(LuaError) -> Int in try L.encoderConvert(LuaState.toHex, "") }),
                ("fromHex", { (L: LuaState) throws(LuaError) -> Int in try L.encoderConvert(LuaState.fromHex, "Invalid hex string") }),
            ])
        try setField(globals, "encoder", Value(encoder))
        try setLoaded("encoder", Value(encoder))
    }

    /// do_func: the argument is a string (or number), the result a new string.
    private func encoderConvert(_ f: ([UInt8]) -> [UInt8]?, _ message: String) throws(LuaError) -> Int {
        let input = Array(try checkString(1).buffer)
        guard let output = f(input) else { throw nativeError(message) }
        return returnValue(Value(try newString(output)))
    }

    private static let b64: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func toBase64(_ m: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        let n = m.count
        out.reserveCapacity((n + 2) / 3 * 4)
        var i = 0
        while i < n {
            let a = Int(m[i])
            let b = i + 1 < n ? Int(m[i + 1]) : 0
            let c = i + 2 < n ? Int(m[i + 2]) : 0
            out.append(b64[a >> 2])
            out.append(b64[((a & 3) << 4) | (b >> 4)])
            out.append(i + 1 < n ? b64[((b & 15) << 2) | (c >> 6)] : 61)
            out.append(i + 2 < n ? b64[c & 63] : 61)
            i += 3
        }
        return out
    }

    private static func fromBase64(_ e: [UInt8]) -> [UInt8]? {
        let n = e.count
        if n == 0 { return [] }
        if n & 3 != 0 { return nil }
        var un = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in b64.enumerated() { un[Int(c)] = UInt8(i) }
        var blocks = n >> 2
        var pad = 0
        if e[n - 1] == 61 {
            pad = e[n - 2] != 61 ? 1 : 2
            blocks -= 1
        }
        for i in 0..<(n - pad) where un[Int(e[i])] == 0xFF { return nil }
        un[61] = 0
        var out: [UInt8] = []
        out.reserveCapacity(1 + 3 * n / 4)
        var p = 0
        for _ in 0..<blocks {
            let a = un[Int(e[p])], b = un[Int(e[p + 1])], c = un[Int(e[p + 2])], d = un[Int(e[p + 3])]
            p += 4
            out.append((a << 2) | (b >> 4))
            out.append((b << 4) | (c >> 2))
            out.append((c << 6) | d)
        }
        if pad != 0 {
            let a = un[Int(e[p])], b = un[Int(e[p + 1])]
            out.append((a << 2) | (b >> 4))
            if pad == 1 { out.append((b << 4) | (un[Int(e[p + 2])] >> 2)) }
        }
        return out
    }

    private static func toHex(_ m: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(m.count * 2)
        for x in m {
            for nib in [x >> 4, x & 15] { out.append(nib < 10 ? nib + 48 : nib + 87) }
        }
        return out
    }

    private static func fromHex(_ m: [UInt8]) -> [UInt8]? {
        if m.count & 1 != 0 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(m.count / 2)
        var c: UInt8 = 0
        for (i, ch) in m.enumerated() {
            let b: UInt8
            switch ch {
            case 48...57: b = ch - 48
            case 97...102: b = ch - 87
            case 65...70: b = ch - 55
            default: return nil
            }
            if i & 1 == 0 { c = b << 4 } else { out.append(c &+ b) }
        }
        return out
    }
}
