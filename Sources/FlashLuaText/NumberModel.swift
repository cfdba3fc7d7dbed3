/// How a Lua build represents numbers (luaconf.h's LUA_INTEGER and LUA_NUMBER). Values always
/// travel as `Int64` and `Double`; in the 32-bit model every integer stays in `Int32`'s range
/// (integer operations wrap at 32 bits) and every float is a `Float` value (each float result is
/// rounded to single precision, which for + - * / and sqrt gives exactly IEEE single arithmetic).
public enum NumberModel: UInt8, Sendable, Equatable {
    /// lua5.3's: 64-bit integers and doubles, floats printed with "%.14g".
    case int64Double = 0
    /// NodeMCU's ESP8266 default: 32-bit integers and 32-bit floats, floats printed with "%.7g".
    case int32Float = 1

    /// sizeof(lua_Integer) and sizeof(lua_Number), as binary chunk headers record them.
    public var integerBytes: Int { self == .int64Double ? 8 : 4 }
    public var floatBytes: Int { self == .int64Double ? 8 : 4 }
    /// Bits of an integer (the shift width of `<<` and `>>`).
    public var integerBits: Int { self == .int64Double ? 64 : 32 }

    public var maxInteger: Int64 { self == .int64Double ? Int64.max : Int64(Int32.max) }
    public var minInteger: Int64 { self == .int64Double ? Int64.min : Int64(Int32.min) }

    /// LUAI_NUMFFORMAT.
    public var floatFormat: StaticString { self == .int64Double ? "%.14g" : "%.7g" }

    /// An integer result brought into the model's range (two's complement wraparound).
    @inlinable @inline(__always) public func wrap(_ i: Int64) -> Int64 {
        self == .int64Double ? i : Int64(Int32(truncatingIfNeeded: i))
    }

    /// A float result rounded to the model's precision.
    @inlinable @inline(__always) public func round(_ d: Double) -> Double {
        self == .int64Double ? d : Double(Float(d))
    }

    /// An integer as the model's float (cast_num: rounds above 2^24 in the 32-bit model).
    @inlinable @inline(__always) public func float(_ i: Int64) -> Double {
        self == .int64Double ? Double(i) : Double(Float(i))
    }

    /// Whether an integer is within the model's range.
    @inlinable public func contains(_ i: Int64) -> Bool { i >= minInteger && i <= maxInteger }
}
