import CFlashLuaShim
import FlashLuaCore

/// The math library (lmathlib.c, with Debian's LUA_COMPAT_MATHLIB extras). math.random uses
/// the same generator as glibc's random(), so seeded sequences match lua5.3 on Linux.
extension LuaState {
    func openMathLibrary() throws(LuaError) {
        let lib = try newTable(arraySize: 0, hashSize: 32)
        try register(
            lib,
            [
                (
                    "abs",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if v.tag == .integer {
                            let n = v.integer
                            return L.returnValue(Value(L.numbers.wrap(n < 0 ? 0 &- n : n)))
                        }
                        return L.returnValue(Value(flua_fabs(try L.checkFloat(1))))
                    }
                ),
                (
                    "ceil",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if v.tag == .integer { return L.returnValue(v) }
                        return L.returnValue(L.numbers.integerIfFits(flua_ceil(try L.checkFloat(1))))
                    }
                ),
                (
                    "floor",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if v.tag == .integer { return L.returnValue(v) }
                        return L.returnValue(L.numbers.integerIfFits(flua_floor(try L.checkFloat(1))))
                    }
                ),
                (
                    "fmod",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let a = L.argument(1)
                        let b = L.argument(2)
                        if a.tag == .integer && b.tag == .integer {
                            let d = b.integer
                            if UInt64(bitPattern: d) &+ 1 <= 1 {
                                if d == 0 { throw L.argumentError(2, "zero") }
                                return L.returnValue(Value(Int64(0)))
                            }
                            return L.returnValue(Value(a.integer % d))
                        }
                        if L.numbers == .int32Float { return try L.nodeMCUFloatFmod() }
                        // lua5.3 evaluates fmod(luaL_checknumber(L, 1), luaL_checknumber(L, 2)); GCC
                        // evaluates the arguments right to left, so argument 2 is checked first.
                        let y = try L.checkFloat(2)
                        let x = try L.checkFloat(1)
                        return L.returnValue(Value(flua_fmod(x, y)))
                    }
                ),
                (
                    "modf",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if v.tag == .integer { return try L.returnValues(v, Value(0.0)) }
                        let n = try L.checkFloat(1)
                        let ip = n < 0 ? flua_ceil(n) : flua_floor(n)
                        return try L.returnValues(L.numbers.integerIfFits(ip), L.number(n == ip ? 0.0 : n - ip))
                    }
                ),
                ("sqrt", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_sqrt, flua_sqrtf)) }),
                ("sin", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_sin, flua_sinf)) }),
                ("cos", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_cos, flua_cosf)) }),
                ("tan", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_tan, flua_tanf)) }),
                ("asin", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_asin, flua_asinf)) }),
                ("acos", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_acos, flua_acosf)) }),
                (
                    "atan",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let y = try L.checkFloat(1)
                        let x = L.argument(2).isNil ? 1.0 : try L.checkFloat(2)
                        if L.numbers == .int32Float { return L.returnValue(Value(Double(flua_atan2f(Float(y), Float(x))))) }
                        return L.returnValue(Value(flua_atan2(y, x)))
                    }
                ),
                ("exp", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_exp, flua_expf)) }),
                (
                    "log",
                    { (L: LuaState) throws(LuaError) -> Int in
                        if L.numbers == .int32Float { return try L.nodeMCUFloatLog() }
                        let x = try L.checkFloat(1)
                        let result: Double
                        if L.argument(2).isNil {
                            result = flua_log(x)
                        } else {
                            let base = try L.checkFloat(2)
                            if base == 2.0 {
                                result = flua_log2(x)
                            } else if base == 10.0 {
                                result = flua_log10(x)
                            } else {
                                result = flua_log(x) / flua_log(base)
                            }
                        }
                        return L.returnValue(Value(result))
                    }
                ),
                (
                    "deg",
                    { (L: LuaState) throws(LuaError) -> Int in
                        if L.numbers == .int32Float { return L.returnValue(L.number(try L.checkFloat(1) * degreesPerRadian32)) }
                        return L.returnValue(Value(try L.checkFloat(1) * (180.0 / Double.pi)))
                    }
                ),
                (
                    "rad",
                    { (L: LuaState) throws(LuaError) -> Int in
                        if L.numbers == .int32Float { return L.returnValue(L.number(try L.checkFloat(1) * radiansPerDegree32)) }
                        return L.returnValue(Value(try L.checkFloat(1) * (Double.pi / 180.0)))
                    }
                ),
                ("max", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.extremeArgument(largest: true)) }),
                ("min", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.extremeArgument(largest: false)) }),
                (
                    "tointeger",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if let i = L.toInteger(v) { return L.returnValue(Value(i)) }
                        _ = try L.checkAny(1)
                        return L.returnValue(.nil)
                    }
                ),
                (
                    "type",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if v.tag == .integer { return L.returnValue(Value(try L.newString("integer"))) }
                        if v.tag == .float { return L.returnValue(Value(try L.newString("float"))) }
                        _ = try L.checkAny(1)
                        return L.returnValue(.nil)
                    }
                ),
                (
                    "ult",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let a = try L.checkInteger(1)
                        let b = try L.checkInteger(2)
                        return L.returnValue(Value(UInt64(bitPattern: a) < UInt64(bitPattern: b)))
                    }
                ),
                // LUA_COMPAT_MATHLIB (Debian builds lua5.3 with LUA_COMPAT_5_2).
                (
                    "pow",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let x = try L.checkFloat(1)
                        let y = try L.checkFloat(2)
                        return L.returnValue(Value(L.numbers.pow(x, y)))
                    }
                ),
                ("log10", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.mathFunction(flua_log10, flua_log10f)) }),
                (
                    "frexp",
                    { (L: LuaState) throws(LuaError) -> Int in
                        var e: Int32 = 0
                        let m = flua_frexp(try L.checkFloat(1), &e)
                        return try L.returnValues(Value(m), Value(Int64(e)))
                    }
                ),
                (
                    "ldexp",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let x = try L.checkFloat(1)
                        let e = Int32(truncatingIfNeeded: try L.checkInteger(2))
                        return L.returnValue(L.number(flua_ldexp(x, e)))
                    }
                ),
                (
                    "cosh",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let x = try L.checkFloat(1)
                        return L.returnValue(L.number((flua_exp(x) + flua_exp(-x)) / 2))
                    }
                ),
                (
                    "sinh",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let x = try L.checkFloat(1)
                        return L.returnValue(L.number((flua_exp(x) - flua_exp(-x)) / 2))
                    }
                ),
                (
                    "tanh",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let x = try L.checkFloat(1)
                        if flua_fabs(x) > 22 { return L.returnValue(Value(x > 0 ? 1.0 : -1.0)) }
                        let e = flua_exp(2 * x)
                        return L.returnValue(L.number((e - 1) / (e + 1)))
                    }
                ),
            ])
        // random and randomseed share the generator state (a userdata upvalue).
        let generator = try newUserdata(length: MemoryLayout<RandomState>.stride)
        generator.data.bindMemory(to: RandomState.self, capacity: 1).initialize(to: RandomState(seed: 1))
        let random = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.mathRandom() }, upvalues: 1)
        random.upvalues[0] = Value(generator)
        try rawSet(lib, Value(try newString("random")), Value(random))
        let randomseed = try newNativeClosure(
            { (L: LuaState) throws(LuaError) -> Int in
                let seed = try L.checkFloat(1)
                let state = L.randomState()
                state.pointee = RandomState(seed: UInt32(truncatingIfNeeded: cIntegerCast(seed)))
                _ = state.pointee.next()
                return 0
            }, upvalues: 1)
        randomseed.upvalues[0] = Value(generator)
        try rawSet(lib, Value(try newString("randomseed")), Value(randomseed))
        try setField(lib, "pi", number(Double.pi))
        try setField(lib, "huge", Value(Double.infinity))
        try setField(lib, "maxinteger", Value(numbers.maxInteger))
        try setField(lib, "mininteger", Value(numbers.minInteger))
        // LUA_COMPAT_MATHLIB registers math_atan a second time as atan2 (the same function).
        try setField(lib, "atan2", try getField(lib, "atan"))
        try setField(globals, "math", Value(lib))
        try setLoaded("math", Value(lib))
    }

    fileprivate func randomState() -> UnsafeMutablePointer<RandomState> {
        currentNativeUpvalue(0).userdata.data.assumingMemoryBound(to: RandomState.self)
    }

    private func mathRandom() throws(LuaError) -> Int {
        let state = randomState()
        let r = Double(state.pointee.next()) * (1.0 / (2147483647.0 + 1.0))
        let low: Int64
        let up: Int64
        switch argumentCount {
        case 0:
            return returnValue(number(r))  // (lua_Number)r: may round up to 1.0 with floats
        case 1:
            low = 1
            up = try checkInteger(1)
        case 2:
            low = try checkInteger(1)
            up = try checkInteger(2)
        default:
            throw nativeError("wrong number of arguments")
        }
        if !(low <= up) { throw argumentError(1, "interval is empty") }
        if !(low >= 0 || up <= numbers.maxInteger &+ low) { throw argumentError(1, "interval too large") }
        let scaled = r * (Double(numbers.wrap(up &- low)) + 1.0)
        return returnValue(Value(numbers.wrap(cIntegerCast(scaled) &+ low)))
    }
}

/// A float converted as C's (long long) cast does on x86-64 (out of range gives mininteger).
func cIntegerCast(_ d: Double) -> Int64 {
    if d.isNaN || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18 { return Int64.min }
    return Int64(d)
}


/// glibc's random() (TYPE_3: additive feedback x[i] = x[i-3] + x[i-31]), so math.random gives
/// the numbers lua5.3 gives on Linux for the same seed.
struct RandomState {
    var words:
        (
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var front = 3
    var rear = 0

    init(seed: UInt32) {
        let s = seed == 0 ? 1 : seed
        withUnsafeMutableBytes(of: &words) { raw in
            let r = raw.bindMemory(to: UInt32.self)
            var word = Int64(Int32(bitPattern: s))
            r[0] = UInt32(truncatingIfNeeded: word)
            for i in 1..<31 {
                // Schrage's method for 16807 * word % 2147483647, as srandom_r computes it.
                let hi = word / 127773
                let lo = word % 127773
                word = 16807 * lo - 2836 * hi
                if word < 0 { word += 2_147_483_647 }
                r[i] = UInt32(truncatingIfNeeded: word)
            }
        }
        front = 3
        rear = 0
        for _ in 0..<310 { _ = next() }
    }

    /// The next number in [0, 2^31 - 1].
    mutating func next() -> UInt32 {
        let f = front
        let b = rear
        let value = withUnsafeMutableBytes(of: &words) { raw -> UInt32 in
            let r = raw.bindMemory(to: UInt32.self)
            let v = r[f] &+ r[b]
            r[f] = v
            return v
        }
        front += 1
        if front >= 31 {
            front = 0
            rear += 1
        } else {
            rear += 1
            if rear >= 31 { rear = 0 }
        }
        return value >> 1
    }
}

extension LuaState {
    /// math.max / math.min: the largest (or smallest) argument by Lua's `<` (lua5.3 built with
    /// compatibility compares any values, so no number check).
    fileprivate func extremeArgument(largest: Bool) throws(LuaError) -> Value {
        let n = argumentCount
        if n < 1 { throw argumentError(1, "value expected") }
        var best = argument(1)
        if n >= 2 {
            for i in 2...n {
                let v = argument(i)
                if largest ? try lessThan(best, v) : try lessThan(v, best) { best = v }
            }
        }
        return best
    }
}
