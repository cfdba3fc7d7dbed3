import CFlashLuaShim

/// A number read from text: Lua keeps integers and floats apart (1 vs 1.0).
public enum LuaNumeral: Equatable, Sendable {
    case integer(Int64)
    case float(Double)
}

/// Converts a whole string to a number the way Lua 5.3 does (luaO_str2num): optional surrounding
/// whitespace, an optional '-', decimal or hexadecimal integers (hex wraps around, decimal that
/// overflows becomes a float), decimal or hexadecimal floats. "inf" and "nan" are not numerals.
public func parseNumeral(_ text: UnsafeBufferPointer<UInt8>) -> LuaNumeral? {
    if let i = parseIntegerNumeral(text, bits: 64) { return .integer(i) }
    if let d = parseFloatNumeral(text) { return .float(d) }
    return nil
}

public func parseNumeral(_ text: [UInt8]) -> LuaNumeral? {
    text.withUnsafeBufferPointer { parseNumeral($0) }
}

/// luaO_str2num for a number model: in the 32-bit model hexadecimal integers wrap at 32 bits, a
/// decimal integer beyond Int32 becomes a float, and floats are strtod's double rounded to single
/// precision (NodeMCU's lua_str2number).
public func parseNumeral(_ text: UnsafeBufferPointer<UInt8>, numbers: NumberModel) -> LuaNumeral? {
    if numbers == .int64Double { return parseNumeral(text) }
    if let i = parseIntegerNumeral(text, bits: 32) { return .integer(i) }
    if let d = parseFloatNumeral(text) { return .float(numbers.round(d)) }
    return nil
}

public func parseNumeral(_ text: [UInt8], numbers: NumberModel) -> LuaNumeral? {
    text.withUnsafeBufferPointer { parseNumeral($0, numbers: numbers) }
}

/// l_str2int: nil when the text is not an integer numeral or a decimal one overflows.
private func parseIntegerNumeral(_ s: UnsafeBufferPointer<UInt8>, bits: Int) -> Int64? {
    var i = 0
    let n = s.count
    while i < n && CharacterClass.isSpace(s[i]) { i += 1 }
    var negative = false
    if i < n && s[i] == UInt8(ascii: "-") {
        negative = true
        i += 1
    } else if i < n && s[i] == UInt8(ascii: "+") {
        i += 1
    }
    var value: UInt64 = 0
    var empty = true
    if i + 1 < n && s[i] == UInt8(ascii: "0") && (s[i + 1] == UInt8(ascii: "x") || s[i + 1] == UInt8(ascii: "X")) {
        i += 2
        while i < n && CharacterClass.isHexDigit(s[i]) {
            value = value &* 16 &+ UInt64(CharacterClass.hexValue(s[i]))
            empty = false
            i += 1
        }
    } else {
        let maxValue = bits == 64 ? UInt64(Int64.max) : UInt64(Int32.max)
        let maxBy10 = maxValue / 10
        let maxLastDigit = maxValue % 10
        while i < n, s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") {
            let d = UInt64(s[i] - UInt8(ascii: "0"))
            if value >= maxBy10 && (value > maxBy10 || d > maxLastDigit + (negative ? 1 : 0)) {
                return nil  // overflow: the caller retries as a float
            }
            value = value * 10 + d
            empty = false
            i += 1
        }
    }
    while i < n && CharacterClass.isSpace(s[i]) { i += 1 }
    if empty || i != n { return nil }
    if bits == 32 {  // lua_Unsigned is 32 bits wide: hexadecimal wraps there
        let result = Int32(truncatingIfNeeded: value)
        return Int64(negative ? 0 &- result : result)
    }
    let result = Int64(bitPattern: value)
    return negative ? 0 &- result : result
}

/// l_str2d: strtod in the C locale, rejecting 'inf'/'nan' and trailing garbage.
private func parseFloatNumeral(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
    for c in s where c == UInt8(ascii: "n") || c == UInt8(ascii: "N") || c == 0 { return nil }
    // strtod needs a NUL-terminated copy (on the stack for short texts, as temporary storage goes).
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: s.count + 1) { buffer -> Double? in
        for (k, c) in s.enumerated() { buffer[k] = CChar(bitPattern: c) }
        buffer[s.count] = 0
        return strtodWhole(buffer.baseAddress!, count: s.count)
    }
}

private func strtodWhole(_ text: UnsafeMutablePointer<CChar>, count: Int) -> Double? {
    var consumed = 0
    let value = flua_strtod(text, &consumed)
    if consumed == 0 { return nil }
    var i = consumed
    while i < count && CharacterClass.isSpace(UInt8(bitPattern: text[i])) { i += 1 }
    return i == count ? value : nil
}
