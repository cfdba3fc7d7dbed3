import FlashLuaCore
import FlashLuaText

/// string.format (lstrlib.c's str_format): directives parsed and formatted by FlashLuaText,
/// arguments checked here with lua5.3's messages.
extension LuaState {
    func strFormat() throws(LuaError) -> Int {
        let top = argumentCount
        var arg = 1
        let fmt = try checkString(1).buffer
        let fl = fmt.count
        var out: [UInt8] = []
        out.reserveCapacity(fl + 16)
        var i = 0
        while i < fl {
            let c = fmt[i]
            if c != UInt8(ascii: "%") {
                out.append(c)
                i += 1
                continue
            }
            if i + 1 < fl && fmt[i + 1] == UInt8(ascii: "%") {
                out.append(c)
                i += 2
                continue
            }
            i += 1
            arg += 1
            if arg > top { throw argumentError(arg, "no value") }
            let item: FormatItem
            do { item = try StringFormat.scan(fmt, at: i) } catch { throw textError(error) }
            i = item.next
            switch item.conversion {
            case UInt8(ascii: "c"):
                StringFormat.appendCharacter(item, try checkInteger(arg), to: &out)
            case UInt8(ascii: "d"), UInt8(ascii: "i"):
                let n = try checkInteger(arg)
                if item.hasModifiers {
                    StringFormat.appendInteger(item, n, to: &out)
                } else {
                    appendNumber(Value(n), numbers: numbers, to: &out)
                }
            case UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "x"), UInt8(ascii: "X"):
                // lua_Integer's unsigned conversions see its own width ("%x" of -1 is ffffffff
                // with 32-bit integers).
                let n = try checkInteger(arg)
                StringFormat.appendInteger(item, numbers == .int64Double ? n : Int64(UInt32(truncatingIfNeeded: n)), to: &out)
            case UInt8(ascii: "a"), UInt8(ascii: "A"), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"),
                UInt8(ascii: "g"), UInt8(ascii: "G"):
                StringFormat.appendFloat(item, try checkFloat(arg), to: &out)
            case UInt8(ascii: "q"):
                try appendLiteral(arg, to: &out)
            case UInt8(ascii: "s"):
                let v = argument(arg)
                if v.isNumber && !item.hasModifiers && metatable(of: v) == nil {
                    appendNumber(v, numbers: numbers, to: &out)
                    continue
                }
                let s = try formatStringArgument(v)
                if item.hasModifiers && s.buffer.contains(0) {
                    throw argumentError(arg, "string contains zeros")
                }
                try checkResultSize(out.count + s.count)
                StringFormat.appendString(item, s.buffer, to: &out)
            default:
                throw textError(StringFormat.invalidOption(item.conversion))
            }
        }
        return try returnValues(Value(try newString(out)))
    }

    /// luaL_tolstring for %s, without copying a string argument that has no __tostring.
    private func formatStringArgument(_ v: Value) throws(LuaError) -> LuaString {
        if v.isString {
            let tm = metatable(of: v)?.get(shortString: try fixedName("__tostring"))?.pointee
            if tm == nil || tm!.isNil { return v.string }
        }
        return try toStringMeta(v)
    }

    /// %q (addliteral): strings quoted, numbers so they read back exactly, nil and booleans as
    /// text; anything else has no literal form.
    private func appendLiteral(_ arg: Int, to out: inout [UInt8]) throws(LuaError) {
        let v = argument(arg)
        switch v.tag {
        case .shortString, .longString:
            try checkResultSize(out.count + 4 * v.string.count)
            StringFormat.appendQuoted(v.string.buffer, to: &out)
        case .integer:
            if numbers == .int32Float && v.integer == Int64(Int32.min) {
                out.append(contentsOf: Array("0x80000000".utf8))  // LUA_MININTEGER as "0x%x"
            } else {
                StringFormat.appendQuotedInteger(v.integer, to: &out)
            }
        case .float:
            StringFormat.appendQuotedFloat(v.float, to: &out)
        case .nil, .boolean:
            out.append(contentsOf: try toStringMeta(v).buffer)
        default:
            throw argumentError(arg, "value has no literal form")
        }
    }
}
