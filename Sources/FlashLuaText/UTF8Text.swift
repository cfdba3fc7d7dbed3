/// UTF-8 as Lua 5.3's utf8 library sees it (lutf8lib.c's utf8_decode and luaO_utf8esc):
/// sequences of up to 4 bytes, no overlong forms, code points up to 0x10FFFF (surrogates pass).
public enum UTF8Text {
    public static let maxUnicode: UInt32 = 0x10FFFF

    /// Whether the byte at i is a continuation byte (10xxxxxx); past the end reads as NUL.
    @inlinable @inline(__always) public static func isContinuation(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i < s.count && s[i] & 0xC0 == 0x80
    }

    /// Decodes the sequence at i: (code point, index after it), or nil for an invalid sequence.
    public static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (code: UInt32, next: Int)? {
        @inline(__always) func at(_ k: Int) -> UInt32 { k < s.count ? UInt32(s[k]) : 0 }
        var c = at(i)
        if c < 0x80 { return (c, i + 1) }
        let limits: [UInt32] = [0xFF, 0x7F, 0x7FF, 0xFFFF]
        var res: UInt32 = 0
        var count = 0
        while c & 0x40 != 0 {
            count += 1
            let cc = at(i + count)
            if cc & 0xC0 != 0x80 { return nil }
            res = (res << 6) | (cc & 0x3F)
            c <<= 1
        }
        if count > 3 { return nil }
        res |= (c & 0x7F) << UInt32(count * 5)
        if res > maxUnicode || res <= limits[count] { return nil }
        return (res, i + count + 1)
    }

    /// The UTF-8 bytes of a code point (up to 0x7FFFFFFF, as luaO_utf8esc).
    public static func encode(_ code: UInt32, to out: inout [UInt8]) {
        var x = code
        if x < 0x80 {
            out.append(UInt8(x))
            return
        }
        var tail: [UInt8] = []
        var mfb: UInt32 = 0x3F
        repeat {
            tail.append(UInt8(0x80 | (x & 0x3F)))
            x >>= 6
            mfb >>= 1
        } while x > mfb
        out.append(UInt8(truncatingIfNeeded: (~mfb << 1) | x))
        out.append(contentsOf: tail.reversed())
    }
}
