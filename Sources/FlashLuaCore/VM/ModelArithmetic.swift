import CFlashLuaShim
import FlashLuaBytecode
import FlashLuaText

/// The model's operations decided at run time, for the slow paths (coercions, metamethod
/// fallbacks, libraries); the interpreter loop uses the specialized `NumberRules` instead.
extension NumberModel {
    /// A number value as the model's float (cast_num); nil for non-numbers.
    @inline(__always) package func asFloat(_ v: Value) -> Double? {
        self == .int64Double ? Numbers64.asFloat(v) : Numbers32.asFloat(v)
    }

    @inline(__always) package func shiftLeft(_ x: Int64, _ y: Int64) -> Int64 {
        self == .int64Double ? Numbers64.shiftLeft(x, y) : Numbers32.shiftLeft(x, y)
    }

    @inline(__always) package func floatMod(_ a: Double, _ b: Double) -> Double {
        self == .int64Double ? Numbers64.floatMod(a, b) : Numbers32.floatMod(a, b)
    }

    @inline(__always) package func pow(_ a: Double, _ b: Double) -> Double {
        self == .int64Double ? Numbers64.pow(a, b) : Numbers32.pow(a, b)
    }

    @inline(__always) package func floorDivide(_ a: Double, _ b: Double) -> Double {
        self == .int64Double ? Numbers64.floorDivide(a, b) : Numbers32.floorDivide(a, b)
    }

    /// luaV_tointeger for the model's lua_Integer: mode 0 exact only, 1 floor, 2 ceil; nil when
    /// out of the model's range (or NaN).
    @inline(__always) package func integer(fromFloat d: Double, mode: Int = 0) -> Int64? {
        guard let i = floatToInteger(d, mode: mode) else { return nil }
        return self == .int64Double || contains(i) ? i : nil
    }
}
