import CFlashLuaShim
import FlashLuaBytecode
import FlashLuaText

enum UnaryOperator { case minus, bitwiseNot, not, length }

/// Binary operators in lparser.c's ORDER OPR, with their priorities.
enum BinaryOperator {
    case add, subtract, multiply, modulo, power, divide, integerDivide
    case bitwiseAnd, bitwiseOr, bitwiseXor, shiftLeft, shiftRight, concat
    case equal, less, lessEqual, notEqual, greater, greaterEqual, and, or

    /// (left, right) priority; right associative operators have a lower right priority.
    var priority: (left: Int, right: Int) {
        switch self {
        case .add, .subtract: (10, 10)
        case .multiply, .modulo: (11, 11)
        case .power: (14, 13)
        case .divide, .integerDivide: (11, 11)
        case .bitwiseAnd: (6, 6)
        case .bitwiseOr: (4, 4)
        case .bitwiseXor: (5, 5)
        case .shiftLeft, .shiftRight: (7, 7)
        case .concat: (9, 8)
        case .equal, .less, .lessEqual, .notEqual, .greater, .greaterEqual: (3, 3)
        case .and: (2, 2)
        case .or: (1, 1)
        }
    }

    var arithmetic: ArithmeticOperator? {
        switch self {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .modulo: .mod
        case .power: .pow
        case .divide: .div
        case .integerDivide: .idiv
        case .bitwiseAnd: .band
        case .bitwiseOr: .bor
        case .bitwiseXor: .bxor
        case .shiftLeft: .shl
        case .shiftRight: .shr
        default: nil
        }
    }

    static func from(_ token: Token) -> BinaryOperator? {
        switch token {
        case 43: .add
        case 45: .subtract
        case 42: .multiply
        case 37: .modulo
        case 94: .power
        case 47: .divide
        case Tokens.idiv: .integerDivide
        case 38: .bitwiseAnd
        case 124: .bitwiseOr
        case 126: .bitwiseXor
        case Tokens.shl: .shiftLeft
        case Tokens.shr: .shiftRight
        case Tokens.concat: .concat
        case Tokens.ne: .notEqual
        case Tokens.eq: .equal
        case 60: .less
        case Tokens.le: .lessEqual
        case 62: .greater
        case Tokens.ge: .greaterEqual
        case Tokens.and: .and
        case Tokens.or: .or
        default: nil
        }
    }
}

/// Arithmetic and bitwise operations (LUA_OPADD ... LUA_OPBNOT).
enum ArithmeticOperator {
    case add, sub, mul, mod, pow, div, idiv, band, bor, bxor, shl, shr, unm, bnot

    var opcode: Opcode {
        switch self {
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .mod: .mod
        case .pow: .pow
        case .div: .div
        case .idiv: .idiv
        case .band: .band
        case .bor: .bor
        case .bxor: .bxor
        case .shl: .shl
        case .shr: .shr
        case .unm: .unm
        case .bnot: .bnot
        }
    }

    var isBitwise: Bool {
        switch self {
        case .band, .bor, .bxor, .shl, .shr, .bnot: true
        default: false
        }
    }
}

/// tointeger on a numeral: an integer, or a float with an exact value in lua_Integer's range.
private func exactInteger(_ n: LuaNumeral, _ numbers: NumberModel) -> Int64? {
    switch n {
    case .integer(let i): return i
    case .float(let d):
        guard let i = floatToInteger(d, mode: 0), numbers.contains(i) else { return nil }
        return i
    }
}

/// tonumber on a numeral: integers convert with cast_num (rounded to Float in the 32-bit model).
private func asFloat(_ n: LuaNumeral, _ numbers: NumberModel) -> Double {
    switch n {
    case .integer(let i): numbers.float(i)
    case .float(let d): d
    }
}

/// luaV_shiftl for lua_Integer's width: shifts of the width or more give 0.
private func shiftLeft(_ x: Int64, _ y: Int64, _ numbers: NumberModel) -> Int64 {
    if numbers == .int64Double { return shiftLeft(x, y) }
    let bits = UInt32(truncatingIfNeeded: x)
    if y <= -32 || y >= 32 { return 0 }
    let shifted = y < 0 ? bits >> UInt32(-y) : bits << UInt32(y)
    return Int64(Int32(bitPattern: shifted))
}

/// Compile-time evaluation of an operation on two numerals (validop + luaO_arith) as the target
/// computes: nil when folding could raise an error (bitwise on non-integers, division by zero).
func foldArithmetic(_ op: ArithmeticOperator, _ a: LuaNumeral, _ b: LuaNumeral, numbers: NumberModel) -> LuaNumeral? {
    if op.isBitwise {
        guard let x = exactInteger(a, numbers), let y = exactInteger(b, numbers) else { return nil }
        switch op {
        case .band: return .integer(x & y)
        case .bor: return .integer(x | y)
        case .bxor: return .integer(x ^ y)
        case .shl: return .integer(shiftLeft(x, y, numbers))
        case .shr: return .integer(shiftLeft(x, 0 &- y, numbers))
        default: return .integer(~x)
        }
    }
    if op == .div || op == .idiv || op == .mod, asFloat(b, numbers) == 0 { return nil }
    if op != .div && op != .pow, case .integer(let x) = a, case .integer(let y) = b {
        let result: Int64
        switch op {
        case .add: result = x &+ y
        case .sub: result = x &- y
        case .mul: result = x &* y
        case .mod: result = integerMod(x, y)
        case .idiv: result = integerDiv(x, y)
        default: result = 0 &- x  // unm
        }
        return .integer(numbers.wrap(result))
    }
    let x = asFloat(a, numbers)
    let y = asFloat(b, numbers)
    if numbers == .int32Float { return .float(Double(foldSingle(op, Float(x), Float(y)))) }
    switch op {
    case .add: return .float(x + y)
    case .sub: return .float(x - y)
    case .mul: return .float(x * y)
    case .div: return .float(x / y)
    case .pow: return .float(y == 2 ? x * x : flua_pow(x, y))
    case .idiv: return .float(flua_floor(x / y))
    case .mod: return .float(floatMod(x, y))
    default: return .float(-x)  // unm
    }
}

/// numarith with LUA_NUMBER = float: single-precision operations, l_mathop(pow/fmod/floor) as powf,
/// fmodf and floorf (NodeMCU's luai_numpow has no `b == 2` shortcut).
private func foldSingle(_ op: ArithmeticOperator, _ x: Float, _ y: Float) -> Float {
    switch op {
    case .add: return x + y
    case .sub: return x - y
    case .mul: return x * y
    case .div: return x / y
    case .pow: return flua_powf(x, y)
    case .idiv: return (x / y).rounded(.down)
    case .mod:
        var m = flua_fmodf(x, y)
        if m * y < 0 { m += y }
        return m
    default: return -x  // unm
    }
}
