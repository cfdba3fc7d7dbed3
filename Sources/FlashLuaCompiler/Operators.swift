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

private func exactInteger(_ n: LuaNumeral) -> Int64? {
    switch n {
    case .integer(let i): return i
    case .float(let d): return floatToInteger(d, mode: 0)
    }
}

private func asFloat(_ n: LuaNumeral) -> Double {
    switch n {
    case .integer(let i): Double(i)
    case .float(let d): d
    }
}

/// Compile-time evaluation of an operation on two numerals (validop + luaO_arith): nil when
/// folding could raise an error (bitwise on non-integers, division by zero).
func foldArithmetic(_ op: ArithmeticOperator, _ a: LuaNumeral, _ b: LuaNumeral) -> LuaNumeral? {
    if op.isBitwise {
        guard let x = exactInteger(a), let y = exactInteger(b) else { return nil }
        switch op {
        case .band: return .integer(x & y)
        case .bor: return .integer(x | y)
        case .bxor: return .integer(x ^ y)
        case .shl: return .integer(shiftLeft(x, y))
        case .shr: return .integer(shiftLeft(x, 0 &- y))
        default: return .integer(~x)
        }
    }
    if op == .div || op == .idiv || op == .mod, asFloat(b) == 0 { return nil }
    if op != .div && op != .pow, case .integer(let x) = a, case .integer(let y) = b {
        switch op {
        case .add: return .integer(x &+ y)
        case .sub: return .integer(x &- y)
        case .mul: return .integer(x &* y)
        case .mod: return .integer(integerMod(x, y))
        case .idiv: return .integer(integerDiv(x, y))
        default: return .integer(0 &- x)  // unm
        }
    }
    let x = asFloat(a)
    let y = asFloat(b)
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
