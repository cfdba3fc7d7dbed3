/// string.pack / string.unpack / string.packsize formats (lstrlib.c's getoption/getdetails,
/// packint/unpackint) for a 64-bit little-endian host: int 4, short 2, long 8, size_t 8,
/// lua_Integer 8, native alignment 8; or, for the 32-bit number model, the ESP8266's: long 4,
/// size_t 4, lua_Integer 4, lua_Number float. (luac.cross -e on a 64-bit host has long and
/// size_t 8 with lua_Integer 4: 'l', 'L', 'T' and 's' differ there from the chip.)
public enum PackOption: Equatable {
    case int, uint, float, char, string, zeroString, padding, alignPadding, none
}

/// Reads a pack format option by option.
public struct PackFormat {
    public static let maxIntegerSize = 16
    public static let nativeAlignment = 8
    /// MAXSIZE of lstrlib.c (INT_MAX): sizes and results are limited to it.
    public static let maxSize = Int(Int32.max)

    let format: UnsafeBufferPointer<UInt8>
    public private(set) var position = 0
    public private(set) var isLittleEndian = true
    public private(set) var maxAlignment = 1
    /// sizeof(lua_Integer) ('j', 'J'), sizeof(lua_Number) ('n'), sizeof(long) ('l', 'L') and
    /// sizeof(size_t) ('T', the default of 's').
    public let integerSize: Int
    public let numberSize: Int
    public let longSize: Int
    public let sizeTSize: Int

    /// `format` ends at its first zero byte, as a C string would.
    public init(_ format: UnsafeBufferPointer<UInt8>, numbers: NumberModel = .int64Double) {
        var n = 0
        while n < format.count && format[n] != 0 { n += 1 }
        self.format = UnsafeBufferPointer(rebasing: format[0..<n])
        integerSize = numbers.integerBytes
        numberSize = numbers.floatBytes
        longSize = numbers == .int64Double ? 8 : 4
        sizeTSize = numbers == .int64Double ? 8 : 4
    }

    public var atEnd: Bool { position >= format.count }

    @inline(__always) func at(_ i: Int) -> UInt8 { i < format.count ? format[i] : 0 }

    mutating func number(default d: Int) -> Int {
        guard CharacterClass.isDigit(at(position)) else { return d }
        var a = 0
        repeat {
            a = a * 10 + Int(at(position) - UInt8(ascii: "0"))
            position += 1
        } while CharacterClass.isDigit(at(position)) && a <= (PackFormat.maxSize - 9) / 10
        return a
    }

    mutating func numberLimit(default d: Int) throws(TextError) -> Int {
        let size = number(default: d)
        if size > PackFormat.maxIntegerSize || size <= 0 {
            throw TextError("integral size (\(size)) out of limits [1,\(PackFormat.maxIntegerSize)]")
        }
        return size
    }

    /// getoption: the next option and its size.
    mutating func option() throws(TextError) -> (PackOption, Int) {
        let c = at(position)
        position += 1
        switch c {
        case UInt8(ascii: "b"): return (.int, 1)
        case UInt8(ascii: "B"): return (.uint, 1)
        case UInt8(ascii: "h"): return (.int, 2)
        case UInt8(ascii: "H"): return (.uint, 2)
        case UInt8(ascii: "l"): return (.int, longSize)
        case UInt8(ascii: "j"): return (.int, integerSize)
        case UInt8(ascii: "L"): return (.uint, longSize)
        case UInt8(ascii: "J"): return (.uint, integerSize)
        case UInt8(ascii: "T"): return (.uint, sizeTSize)
        case UInt8(ascii: "f"): return (.float, 4)
        case UInt8(ascii: "d"): return (.float, 8)
        case UInt8(ascii: "n"): return (.float, numberSize)
        case UInt8(ascii: "i"): return (.int, try numberLimit(default: 4))
        case UInt8(ascii: "I"): return (.uint, try numberLimit(default: 4))
        case UInt8(ascii: "s"): return (.string, try numberLimit(default: sizeTSize))
        case UInt8(ascii: "c"):
            let size = number(default: -1)
            if size == -1 { throw TextError("missing size for format option 'c'") }
            return (.char, size)
        case UInt8(ascii: "z"): return (.zeroString, 0)
        case UInt8(ascii: "x"): return (.padding, 1)
        case UInt8(ascii: "X"): return (.alignPadding, 0)
        case UInt8(ascii: " "): break
        case UInt8(ascii: "<"): isLittleEndian = true
        case UInt8(ascii: ">"): isLittleEndian = false
        case UInt8(ascii: "="): isLittleEndian = true
        case UInt8(ascii: "!"): maxAlignment = try numberLimit(default: PackFormat.nativeAlignment)
        default: throw TextError("invalid format option '\(describeByte(c))'")
        }
        return (.none, 0)
    }

    /// getdetails: the next option, its size and the padding needed before it when `totalSize`
    /// bytes precede it.
    public mutating func next(totalSize: Int) throws(TextError) -> (option: PackOption, size: Int, padding: Int) {
        let (opt, size) = try option()
        var align = size
        if opt == .alignPadding {
            if atEnd {
                throw TextError("invalid next option for option 'X'", argument: 1)
            }
            let (nextOpt, nextSize) = try option()
            align = nextSize
            if nextOpt == .char || align == 0 { throw TextError("invalid next option for option 'X'", argument: 1) }
        }
        var padding = 0
        if align > 1 && opt != .char {
            if align > maxAlignment { align = maxAlignment }
            if align & (align - 1) != 0 { throw TextError("format asks for alignment not power of 2", argument: 1) }
            padding = (align - (totalSize & (align - 1))) & (align - 1)
        }
        return (opt, size, padding)
    }

    // MARK: Integers and floats

    /// packint: n in `size` bytes; sizes beyond 8 are sign-extended for negative numbers.
    public static func appendInteger(_ n: UInt64, size: Int, littleEndian: Bool, negative: Bool, to out: inout [UInt8]) {
        let base = out.count
        for _ in 0..<size { out.append(0) }
        var v = n
        for i in 0..<size {
            let byte: UInt8 = i < 8 ? UInt8(truncatingIfNeeded: v) : (negative ? 0xFF : 0)
            out[base + (littleEndian ? i : size - 1 - i)] = byte
            if i < 8 { v >>= 8 }
        }
    }

    /// unpackint: reads `size` bytes; sign-extends smaller signed integers, and checks that the
    /// extra bytes of larger ones are only sign extension. `integerSize` is sizeof(lua_Integer):
    /// with 4 the result is a 32-bit integer (lua_Unsigned arithmetic at 32 bits), sign-extended.
    public static func readInteger(
        _ data: UnsafeBufferPointer<UInt8>, at pos: Int, size: Int, littleEndian: Bool, signed: Bool, integerSize: Int = 8
    ) throws(TextError) -> Int64 {
        var res: UInt64 = 0
        let limit = min(size, integerSize)
        var i = limit - 1
        while i >= 0 {
            res <<= 8
            res |= UInt64(data[pos + (littleEndian ? i : size - 1 - i)])
            i -= 1
        }
        if size < integerSize {
            if signed {
                let mask: UInt64 = 1 << UInt64(size * 8 - 1)
                res = (res ^ mask) &- mask
            }
        } else if size > integerSize {
            let negative = signed && (res >> UInt64(integerSize * 8 - 1)) & 1 == 1
            let mask: UInt8 = negative ? 0xFF : 0
            for k in limit..<size where data[pos + (littleEndian ? k : size - 1 - k)] != mask {
                throw TextError("\(size)-byte integer does not fit into Lua Integer")
            }
        }
        return integerSize == 8 ? Int64(bitPattern: res) : Int64(Int32(truncatingIfNeeded: res))
    }

    /// A float as 4 or 8 bytes in the given byte order.
    public static func appendFloat(_ v: Double, size: Int, littleEndian: Bool, to out: inout [UInt8]) {
        let bits: UInt64 = size == 4 ? UInt64(Float(v).bitPattern) : v.bitPattern
        appendInteger(bits, size: size, littleEndian: littleEndian, negative: false, to: &out)
    }

    public static func readFloat(_ data: UnsafeBufferPointer<UInt8>, at pos: Int, size: Int, littleEndian: Bool) -> Double {
        var bits: UInt64 = 0
        for i in 0..<size {
            let b = data[pos + (littleEndian ? size - 1 - i : i)]
            bits = bits << 8 | UInt64(b)
        }
        return size == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
    }
}
