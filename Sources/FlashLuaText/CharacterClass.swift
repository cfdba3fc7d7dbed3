/// The C locale's <ctype.h> classes, byte by byte (bytes >= 0x80 belong to no class), as the
/// pattern matcher and the formatter of lstrlib.c see them.
public enum CharacterClass {
    @inlinable @inline(__always) public static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inlinable @inline(__always) public static func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    @inlinable @inline(__always) public static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inlinable @inline(__always) public static func isAlpha(_ c: UInt8) -> Bool { isLower(c) || isUpper(c) }
    @inlinable @inline(__always) public static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
    @inlinable @inline(__always) public static func isControl(_ c: UInt8) -> Bool { c < 0x20 || c == 0x7F }
    /// Printable and not a space: '!' ... '~'.
    @inlinable @inline(__always) public static func isGraph(_ c: UInt8) -> Bool { c > 0x20 && c < 0x7F }
    @inlinable @inline(__always) public static func isPrint(_ c: UInt8) -> Bool { c >= 0x20 && c < 0x7F }
    @inlinable @inline(__always) public static func isPunct(_ c: UInt8) -> Bool { isGraph(c) && !isAlnum(c) }
    /// ' ', '\t', '\n', '\v', '\f', '\r'.
    @inlinable @inline(__always) public static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 9 && c <= 13) }
    @inlinable @inline(__always) public static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- 0x61 < 6
    }
    /// Value of a hexadecimal digit (the byte must satisfy isHexDigit).
    @inlinable @inline(__always) public static func hexValue(_ c: UInt8) -> Int {
        isDigit(c) ? Int(c &- 0x30) : Int((c | 0x20) &- 0x61) + 10
    }
    @inlinable @inline(__always) public static func toLower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }
    @inlinable @inline(__always) public static func toUpper(_ c: UInt8) -> UInt8 { isLower(c) ? c & ~0x20 : c }
}
