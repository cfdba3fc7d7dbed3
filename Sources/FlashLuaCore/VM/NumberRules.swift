import CFlashLuaShim
import FlashLuaBytecode
import FlashLuaText

/// The number model as static functions, so the interpreter loop can be specialized once per
/// model (`execute` over `Numbers64` compiles to plain 64-bit arithmetic with no model test;
/// over `Numbers32` every result is brought into NodeMCU's 32-bit integers and floats).
/// Slow paths that are not specialized read `LuaState.numbers` and call `NumberModel`'s
/// run-time equivalents (VM/ModelArithmetic.swift).
package protocol NumberRules {
    static var model: NumberModel { get }
    /// An integer result brought into range (two's complement wraparound).
    static func wrap(_ i: Int64) -> Int64
    /// A float result rounded to the model's precision.
    static func round(_ d: Double) -> Double
    /// A number operand as the model's float (cast_num); nil for non-numbers.
    static func asFloat(_ v: Value) -> Double?
    /// luaV_shiftl at the model's width.
    static func shiftLeft(_ x: Int64, _ y: Int64) -> Int64
    /// luai_nummod, luai_numpow and luai_numidiv with the model's libm.
    static func floatMod(_ a: Double, _ b: Double) -> Double
    /// False where the model's float modulo raises "modulo by zero" (the slow path does).
    static func floatModIsDefined(_ b: Double) -> Bool
    static func pow(_ a: Double, _ b: Double) -> Double
    static func floorDivide(_ a: Double, _ b: Double) -> Double
}

/// lua5.3's model: every function is the plain 64-bit/double operation.
package enum Numbers64: NumberRules {
    package static var model: NumberModel { .int64Double }
    @inline(__always) package static func wrap(_ i: Int64) -> Int64 { i }
    @inline(__always) package static func round(_ d: Double) -> Double { d }
    @inline(__always) package static func asFloat(_ v: Value) -> Double? { v.asFloat }
    @inline(__always) package static func shiftLeft(_ x: Int64, _ y: Int64) -> Int64 { FlashLuaBytecode.shiftLeft(x, y) }
    @inline(__always) package static func floatMod(_ a: Double, _ b: Double) -> Double { FlashLuaBytecode.floatMod(a, b) }
    @inline(__always) package static func floatModIsDefined(_ b: Double) -> Bool { true }
    @inline(__always) package static func pow(_ a: Double, _ b: Double) -> Double { flua_pow(a, b) }
    @inline(__always) package static func floorDivide(_ a: Double, _ b: Double) -> Double { flua_floor(a / b) }
}

/// NodeMCU's ESP8266 model: int32 lua_Integer, float lua_Number, l_mathop(op) = op##f.
package enum Numbers32: NumberRules {
    package static var model: NumberModel { .int32Float }
    @inline(__always) package static func wrap(_ i: Int64) -> Int64 { Int64(Int32(truncatingIfNeeded: i)) }
    @inline(__always) package static func round(_ d: Double) -> Double { Double(Float(d)) }
    @inline(__always) package static func asFloat(_ v: Value) -> Double? {
        if v.tag == .float { return v.float }
        if v.tag == .integer { return Double(Float(v.integer)) }
        return nil
    }
    @inline(__always) package static func shiftLeft(_ x: Int64, _ y: Int64) -> Int64 { shiftLeft32(x, y) }
    @inline(__always) package static func floatMod(_ a: Double, _ b: Double) -> Double { floatMod32(a, b) }
    @inline(__always) package static func floatModIsDefined(_ b: Double) -> Bool { b != 0 }
    @inline(__always) package static func pow(_ a: Double, _ b: Double) -> Double { Double(flua_powf(Float(a), Float(b))) }
    @inline(__always) package static func floorDivide(_ a: Double, _ b: Double) -> Double {
        // floorf of the float quotient: the floor of a single is a single.
        flua_floor(Double(Float(a / b)))
    }
}

/// luaV_shiftl with 32-bit lua_Unsigned: shifts of 32 or more give 0.
@inline(__always) package func shiftLeft32(_ x: Int64, _ y: Int64) -> Int64 {
    let u = UInt32(truncatingIfNeeded: x)
    if y < 0 {
        if y <= -32 { return 0 }
        return Int64(Int32(bitPattern: u >> UInt32(-y)))
    }
    if y >= 32 { return 0 }
    return Int64(Int32(bitPattern: u << UInt32(y)))
}

/// luai_nummod as the ESP8266 build defines it (llimits.h, LUA_USE_ESP8266): a - floor(a/b)*b
/// with the float quotient and the double floor, rounded to float, then given the divisor's
/// sign; b == 0 is an error there ("modulo by zero", raised by the caller). luac.cross on a host
/// uses fmodf instead, which differs only for inexact quotients and infinite divisors.
@inline(__always) package func floatMod32(_ a: Double, _ b: Double) -> Double {
    let fa = Float(a)
    let fb = Float(b)
    let quotient = fa / fb
    var m = Float(Double(fa) - flua_floor(Double(quotient)) * Double(fb))
    if m * fb < 0 { m += fb }
    return Double(m)
}
