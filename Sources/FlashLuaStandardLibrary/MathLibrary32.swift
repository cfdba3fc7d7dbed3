import CFlashLuaShim
import FlashLuaCore
import FlashLuaText

/// The parts of the math library that NodeMCU's 32-bit build computes differently
/// (app/lua53/lmathlib.c with lua_Number float and l_mathop(op) = op##f).
extension LuaState {
    /// A library's float result as lua_Number (rounded to single precision with 32-bit floats).
    func number(_ d: Double) -> Value { Value(numbers.round(d)) }

    /// A one-argument libm function: the double one, or the float one as l_mathop picks it.
    func mathFunction(_ double: (Double) -> Double, _ single: (Float) -> Float) throws(LuaError) -> Value {
        let x = try checkFloat(1)
        return numbers == .int64Double ? Value(double(x)) : Value(Double(single(Float(x))))
    }

    /// NodeMCU's math_fmod for floats: "modulo by zero" for a zero divisor, else
    /// a - b*trunc(a/b) with the float quotient and C's double floor/ceil.
    func nodeMCUFloatFmod() throws(LuaError) -> Int {
        let a = Float(try checkFloat(1))
        let b = Float(try checkFloat(2))
        if b == 0 { throw nativeError("modulo by zero") }
        let m = a / b
        let whole = m > 0 ? flua_floor(Double(m)) : flua_ceil(Double(m))
        return returnValue(number(Double(a) - Double(b) * whole))
    }

    /// math_log with logf, log2f and log10f.
    func nodeMCUFloatLog() throws(LuaError) -> Int {
        let x = Float(try checkFloat(1))
        if argument(2).isNil { return returnValue(Value(Double(flua_logf(x)))) }
        let base = Float(try checkFloat(2))
        let result: Float
        if base == 2 {
            result = flua_log2f(x)
        } else if base == 10 {
            result = flua_log10f(x)
        } else {
            result = flua_logf(x) / flua_logf(base)
        }
        return returnValue(Value(Double(result)))
    }
}

/// l_mathop(180.0) / PI and PI / l_mathop(180.0), computed in float as the C constants are.
let degreesPerRadian32 = Double(Float(180) / Float(Double.pi))
let radiansPerDegree32 = Double(Float(Double.pi) / Float(180))

extension NumberModel {
    /// pushnumint: an integer when the float has an integral value that fits lua_Integer, else
    /// the float.
    func integerIfFits(_ d: Double) -> Value {
        let n = round(d)
        if n >= Double(minInteger) && n < -Double(minInteger) { return Value(Int64(n)) }
        return Value(n)
    }
}
