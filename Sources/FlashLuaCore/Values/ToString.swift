import FlashLuaText

/// Values as text: numbers as lua5.3 prints them ("%.14g", "1.0", "inf"), objects as
/// "table: 0x...", and luaL_tolstring with __tostring and __name.
extension LuaState {
    /// An interned name that is never collected (metafield names used by the runtime).
    package func fixedName(_ s: StaticString) throws(LuaError) -> LuaString {
        let str = try newString(s)
        // A ROM string (the image holds this name) is never collected and must not be written.
        if !str.isReadOnly { str.raw.header.pointee.marks |= ObjectMarks.fixed }
        return str
    }

    /// A number or string converted to a string value (cvt2str); used by concat and string args.
    package func toStringValue(_ v: Value) throws(LuaError) -> LuaString {
        if v.isString { return v.string }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberTextCapacity) {
            (buffer) throws(LuaError) -> LuaString in
            let n = formatNumber(v, numbers: numbers, into: buffer.baseAddress!)
            return try newString(UnsafeBufferPointer(start: buffer.baseAddress!, count: n))
        }
    }

    /// luaL_tolstring: any value to a string, honouring __tostring and __name.
    package func toStringMeta(_ v: Value) throws(LuaError) -> LuaString {
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
    package func rawToStringBytes(_ v: Value) -> [UInt8] {
        var out: [UInt8] = []
        switch v.tag {
        case .nil: out = Array("nil".utf8)
        case .boolean: out = Array((v.boolean ? "true" : "false").utf8)
        case .integer, .float: appendNumber(v, numbers: numbers, to: &out)
        case .shortString, .longString: out = v.string.array
        default:
            let kind: String
            if let mt = metatable(of: v), let nameKey = try? fixedName("__name"), let n = mt.get(shortString: nameKey)?.pointee, n.isString
            {
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

package func appendAddress(_ a: UInt64, to out: inout [UInt8]) {
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

/// A number as the model prints it: integers in decimal, floats "%.14g" (lua5.3) or "%.7g"
/// (NodeMCU's 32-bit floats) plus ".0" when they look integral.
package func appendNumber(_ v: Value, numbers: NumberModel, to out: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberTextCapacity) { buffer in
        let n = formatNumber(v, numbers: numbers, into: buffer.baseAddress!)
        out.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: n))
    }
}

package let numberTextCapacity = NumberText.capacity

/// Writes a number as lua5.3 prints it (integers in decimal, floats as NumberText.format) into
/// `out` (at least `numberTextCapacity` bytes); returns the length. No allocation.
package func formatNumber(_ v: Value, numbers: NumberModel, into out: UnsafeMutablePointer<UInt8>) -> Int {
    if v.tag == .integer {
        let i = v.integer
        var u = i.magnitude
        // Digits backwards from the end of the buffer, then moved to the front.
        var p = numberTextCapacity
        repeat {
            p -= 1
            out[p] = UInt8(ascii: "0") + UInt8(u % 10)
            u /= 10
        } while u > 0
        if i < 0 {
            p -= 1
            out[p] = UInt8(ascii: "-")
        }
        let n = numberTextCapacity - p
        var j = 0
        while j < n {  // moving left: a forward copy is safe for the overlap
            out[j] = out[p + j]
            j += 1
        }
        return n
    }
    return NumberText.format(float: v.float, numbers: numbers, into: out)
}

extension StaticString {
    /// The text as a String (String(describing:) needs reflection, which Embedded Swift lacks).
    package var text: String { withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }
}
