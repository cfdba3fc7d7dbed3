import CFlashLuaShim

/// Values as text: numbers as lua5.3 prints them ("%.14g", "1.0", "inf"), objects as
/// "table: 0x...", and luaL_tolstring with __tostring and __name.
extension LuaState {
    /// An interned name that is never collected (metafield names used by the runtime).
    func fixedName(_ s: StaticString) throws(LuaError) -> LuaString {
        let str = try newString(s)
        str.raw.header.pointee.marks |= ObjectMarks.fixed
        return str
    }

    /// A number or string converted to a string value (cvt2str); used by concat and string args.
    func toStringValue(_ v: Value) throws(LuaError) -> LuaString {
        if v.isString { return v.string }
        var bytes: [UInt8] = []
        appendNumber(v, to: &bytes)
        return try newString(bytes)
    }

    /// luaL_tolstring: any value to a string, honouring __tostring and __name.
    func toStringMeta(_ v: Value) throws(LuaError) -> LuaString {
        if let mt = metatable(of: v), let tm = mt.get(shortString: try fixedName("__tostring"))?.pointee, !tm.isNil {
            let r = try callValue(tm, v, .nil)
            // lua_isstring accepts numbers, which lua_tolstring then converts.
            if r.isNumber { return try toStringValue(r) }
            if !r.isString { throw runtimeError("'__tostring' must return a string") }
            return r.string
        }
        return try newString(rawToStringBytes(v))
    }

    /// Text of a value without metamethods except __name (for messages).
    func rawToStringBytes(_ v: Value) -> [UInt8] {
        var out: [UInt8] = []
        switch v.tag {
        case .nil: out = Array("nil".utf8)
        case .boolean: out = Array((v.boolean ? "true" : "false").utf8)
        case .integer, .float: appendNumber(v, to: &out)
        case .shortString, .longString: out = v.string.array
        default:
            let kind: String
            if let mt = metatable(of: v), let nameKey = try? fixedName("__name"), let n = mt.get(shortString: nameKey)?.pointee, n.isString {
                kind = n.string.swiftString
            } else {
                kind = v.typeName.text
            }
            out = Array(kind.utf8)
            out += Array(": ".utf8)
            appendAddress(v.payload, to: &out)
        }
        return out
    }
}

func appendAddress(_ a: UInt64, to out: inout [UInt8]) {
    out += Array("0x".utf8)
    let digits = Array("0123456789abcdef".utf8)
    var started = false
    for shift in stride(from: 60, through: 0, by: -4) {
        let d = Int((a >> UInt64(shift)) & 15)
        if d != 0 || started || shift < 48 {
            started = true
            out.append(digits[d])
        }
    }
}

/// lua5.3's number to text: integers in decimal, floats "%.14g" plus ".0" when they look integral.
func appendNumber(_ v: Value, to out: inout [UInt8]) {
    if v.tag == .integer {
        let i = v.integer
        if i == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        var digits: [UInt8] = []
        var u = i.magnitude
        while u > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(u % 10))
            u /= 10
        }
        if i < 0 { out.append(UInt8(ascii: "-")) }
        out += digits.reversed()
        return
    }
    let d = v.float
    var buffer = [CChar](repeating: 0, count: 64)
    let n = buffer.withUnsafeMutableBufferPointer { b in flua_format_double(b.baseAddress, 64, "%.14g", d) }
    var looksInt = true
    for j in 0..<Int(n) {
        let c = UInt8(bitPattern: buffer[j])
        out.append(c)
        if !(c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))) { looksInt = false }
    }
    if looksInt { out += Array(".0".utf8) }
}

extension StaticString {
    /// The text as a String (String(describing:) needs reflection, which Embedded Swift lacks).
    var text: String { withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }
}
