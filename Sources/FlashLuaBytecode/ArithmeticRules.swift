import CFlashLuaShim

/// Lua 5.3 arithmetic rules that the VM and the compiler's constant folding must agree on
/// (luaV_mod, luaV_div, luai_nummod, luaV_shiftl). Integer divisors 0 are the caller's concern.
@inlinable @inline(__always) public func integerMod(_ m: Int64, _ n: Int64) -> Int64 {
    if n == -1 { return 0 }
    let r = m % n
    return r != 0 && (r ^ n) < 0 ? r + n : r
}

@inlinable @inline(__always) public func integerDiv(_ m: Int64, _ n: Int64) -> Int64 {
    if n == -1 { return 0 &- m }
    let q = m / n
    return (m ^ n) < 0 && m % n != 0 ? q - 1 : q
}

@inlinable @inline(__always) public func floatMod(_ a: Double, _ b: Double) -> Double {
    var m = flua_fmod(a, b)
    if m * b < 0 { m += b }  // luai_nummod (5.3): result takes the divisor's sign
    return m
}

@inlinable @inline(__always) public func shiftLeft(_ x: Int64, _ y: Int64) -> Int64 {
    if y < 0 {
        if y <= -64 { return 0 }
        return Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(-y))
    }
    if y >= 64 { return 0 }
    return Int64(bitPattern: UInt64(bitPattern: x) << UInt64(y))
}

/// Float to integer (luaV_tointeger): mode 0 exact only, 1 floor, 2 ceil; nil when out of range
/// (or NaN).
@inlinable public func floatToInteger(_ d: Double, mode: Int) -> Int64? {
    var f = flua_floor(d)
    if d != f {
        if mode == 0 { return nil }
        if mode == 2 { f += 1 }
    }
    if f >= -9.2233720368547758e18 && f < 9.2233720368547758e18 { return Int64(f) }
    return nil
}
