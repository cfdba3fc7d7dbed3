import CFlashLuaShim

/// One conversion of string.format as lstrlib.c's scanformat reads it: the flags, width and
/// precision (`spec`, a slice of the format string, so valid while it is) and the conversion.
public struct FormatItem {
    /// Flags, width and precision, e.g. "-5.2" of "%-5.2f".
    public var spec: UnsafeBufferPointer<UInt8>
    public var conversion: UInt8
    /// Index just after the conversion letter in the format string.
    public var next: Int

    /// Whether flags, width or precision were given ("%s" keeps the whole string when not).
    public var hasModifiers: Bool { spec.count > 0 }
    public var hasPrecision: Bool { spec.contains(UInt8(ascii: ".")) }
    /// The C format without length modifier, e.g. "%-5.2f".
    public var form: [UInt8] { [UInt8(ascii: "%")] + Array(spec) + [conversion] }
}

/// string.format's directive parsing and per-item formatting (lstrlib.c semantics: flags
/// "-+ #0" at most 5, width and precision at most 2 digits each).
public enum StringFormat {
    static let flags: [UInt8] = Array("-+ #0".utf8)
    /// Largest item any directive can produce (MAX_ITEM: '%99.99f' of -DBL_MAX is ~410 bytes).
    static let maxItem = 512

    /// Parses the directive whose flags start at `start` (just after '%'). Bytes past the end
    /// read as NUL, which ends up as an invalid conversion.
    public static func scan(_ f: UnsafeBufferPointer<UInt8>, at start: Int) throws(TextError) -> FormatItem {
        @inline(__always) func at(_ i: Int) -> UInt8 { i < f.count ? f[i] : 0 }
        var p = start
        while at(p) != 0 && flags.contains(at(p)) { p += 1 }
        if p - start >= flags.count + 1 { throw TextError("invalid format (repeated flags)") }
        if CharacterClass.isDigit(at(p)) { p += 1 }
        if CharacterClass.isDigit(at(p)) { p += 1 }
        if at(p) == UInt8(ascii: ".") {
            p += 1
            if CharacterClass.isDigit(at(p)) { p += 1 }
            if CharacterClass.isDigit(at(p)) { p += 1 }
        }
        if CharacterClass.isDigit(at(p)) { throw TextError("invalid format (width or precision too long)") }
        let spec = UnsafeBufferPointer(rebasing: f[min(start, f.count)..<min(p, f.count)])
        return FormatItem(spec: spec, conversion: at(p), next: p + 1)
    }

    /// "invalid option '%y' to 'format'" (non-printable bytes shown as <\N>).
    public static func invalidOption(_ c: UInt8) -> TextError {
        TextError("invalid option '%\(describeByte(c))' to 'format'")
    }

    /// %d %i %o %u %x %X of a Lua integer (the C format gets the "ll" length modifier).
    public static func appendInteger(_ item: FormatItem, _ v: Int64, to out: inout [UInt8]) {
        callSnprintf(item, lengthModifier: true, to: &out) { buf, size, fmt in flua_format_integer(buf, size, fmt, CLongLong(v)) }
    }

    /// %c of an int (the C conversion of (int)n).
    public static func appendCharacter(_ item: FormatItem, _ v: Int64, to out: inout [UInt8]) {
        let c = Int32(truncatingIfNeeded: v)
        callSnprintf(item, lengthModifier: false, to: &out) { buf, size, fmt in flua_format_int(buf, size, fmt, c) }
    }

    /// %a %A %e %E %f %g %G of a float.
    public static func appendFloat(_ item: FormatItem, _ v: Double, to out: inout [UInt8]) {
        callSnprintf(item, lengthModifier: false, to: &out) { buf, size, fmt in flua_format_double(buf, size, fmt, v) }
    }

    /// %s with modifiers of a string without zeros (strings of 100 bytes or more without a
    /// precision are kept whole, as lstrlib.c does).
    public static func appendString(_ item: FormatItem, _ s: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if !item.hasModifiers || (!item.hasPrecision && s.count >= 100) {
            out.append(contentsOf: s)
            return
        }
        var text = Array(s)
        text.append(0)
        text.withUnsafeBufferPointer { t in
            t.baseAddress!.withMemoryRebound(to: CChar.self, capacity: t.count) { tp in
                callSnprintf(item, lengthModifier: false, to: &out) { buf, size, fmt in flua_format_cstring(buf, size, fmt, tp) }
            }
        }
    }

    /// Builds the C format of an item on the stack ("%", spec, "ll" for integers, conversion,
    /// NUL) and runs one snprintf call with it.
    static func callSnprintf(
        _ item: FormatItem, lengthModifier: Bool, to out: inout [UInt8],
        _ body: (UnsafeMutablePointer<CChar>, Int, UnsafePointer<CChar>) -> Int32
    ) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { form in
            var n = 0
            form[n] = CChar(bitPattern: UInt8(ascii: "%"))
            n += 1
            for c in item.spec where n < 26 {
                form[n] = CChar(bitPattern: c)
                n += 1
            }
            if lengthModifier {
                form[n] = CChar(bitPattern: UInt8(ascii: "l"))
                form[n + 1] = CChar(bitPattern: UInt8(ascii: "l"))
                n += 2
            }
            form[n] = CChar(bitPattern: item.conversion)
            form[n + 1] = 0
            callSnprintf(UnsafePointer(form.baseAddress!), to: &out, body)
        }
    }

    /// Runs one snprintf call into a temporary buffer and appends its output.
    static func callSnprintf(
        _ fmt: UnsafePointer<CChar>, to out: inout [UInt8],
        _ body: (UnsafeMutablePointer<CChar>, Int, UnsafePointer<CChar>) -> Int32
    ) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: maxItem) { buf in
            let n = Int(body(buf.baseAddress!, maxItem, fmt))
            guard n > 0 else { return }
            if n < maxItem {
                let raw = UnsafeRawBufferPointer(start: buf.baseAddress!, count: n)
                out.append(contentsOf: raw)
            } else {
                // Cannot happen with 2-digit widths and precisions; be safe anyway.
                let big = UnsafeMutablePointer<CChar>.allocate(capacity: n + 1)
                defer { big.deallocate() }
                let m = Int(body(big, n + 1, fmt))
                out.append(contentsOf: UnsafeRawBufferPointer(start: big, count: min(m, n)))
            }
        }
    }

    /// snprintf with a fixed C format (a NUL-terminated byte array).
    static func callSnprintf(
        _ form: [UInt8], to out: inout [UInt8],
        _ body: (UnsafeMutablePointer<CChar>, Int, UnsafePointer<CChar>) -> Int32
    ) {
        form.withUnsafeBufferPointer { f in
            f.baseAddress!.withMemoryRebound(to: CChar.self, capacity: f.count) { fmt in
                callSnprintf(fmt, to: &out, body)
            }
        }
    }

    // MARK: %q

    /// A string as a Lua literal: quotes, escaped '"' '\\' newline, control bytes as \N (\NNN
    /// before a digit); other bytes unchanged.
    public static func appendQuoted(_ s: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let n = s.count
        for i in 0..<n {
            let c = s[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c == UInt8(ascii: "\n") {
                out.append(UInt8(ascii: "\\"))
                out.append(c)
            } else if CharacterClass.isControl(c) {
                out.append(UInt8(ascii: "\\"))
                let next: UInt8 = i + 1 < n ? s[i + 1] : 0
                let v = Int(c)
                if CharacterClass.isDigit(next) {
                    out.append(UInt8(ascii: "0") + UInt8(v / 100))
                    out.append(UInt8(ascii: "0") + UInt8(v / 10 % 10))
                    out.append(UInt8(ascii: "0") + UInt8(v % 10))
                } else {
                    if v >= 100 { out.append(UInt8(ascii: "0") + UInt8(v / 100)) }
                    if v >= 10 { out.append(UInt8(ascii: "0") + UInt8(v / 10 % 10)) }
                    out.append(UInt8(ascii: "0") + UInt8(v % 10))
                }
            } else {
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// %q of an integer: decimal, except mininteger as hexadecimal (0x8000000000000000).
    public static func appendQuotedInteger(_ v: Int64, to out: inout [UInt8]) {
        let form: [UInt8] = Array((v == Int64.min ? "0x%llx" : "%lld").utf8) + [0]
        callSnprintf(form, to: &out) { buf, size, fmt in flua_format_integer(buf, size, fmt, CLongLong(v)) }
    }

    /// %q of a float: hexadecimal ("%a"), so it reads back exactly.
    public static func appendQuotedFloat(_ v: Double, to out: inout [UInt8]) {
        let form: [UInt8] = Array("%a".utf8) + [0]
        callSnprintf(form, to: &out) { buf, size, fmt in flua_format_double(buf, size, fmt, v) }
    }
}
