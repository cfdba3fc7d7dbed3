import CFlashLuaShim
import FlashLuaBytecode
import FlashLuaText

/// Number conversions and the arithmetic/bitwise operators with Lua 5.3's integer/float rules,
/// string coercion and metamethod fallback (lvm.c, lobject.c, ltm.c).
extension LuaState {
    /// Operators on two numbers without coercion or metamethods; nil when that is not enough
    /// (or when the operation must raise an error). In the state's number model.
    @inline(__always) package func arithmeticFast(_ event: TagMethod, _ x: Value, _ y: Value) -> Value? {
        let model = numbers
        if x.tag == .integer && y.tag == .integer {
            let m = x.integer
            let n = y.integer
            switch event {
            case .mod: return n == 0 ? nil : Value(integerMod(m, n))
            case .idiv: return n == 0 ? nil : Value(model.wrap(integerDiv(m, n)))
            case .band: return Value(m & n)
            case .bor: return Value(m | n)
            case .bxor: return Value(m ^ n)
            case .shl: return Value(model.shiftLeft(m, n))
            case .shr: return Value(model.shiftLeft(m, 0 &- n))
            case .pow: return Value(model.pow(model.float(m), model.float(n)))
            default: return nil
            }
        }
        guard let a = model.asFloat(x), let b = model.asFloat(y) else { return nil }
        switch event {
        case .mod:
            if model == .int32Float && b == 0 { return nil }  // "modulo by zero", raised below
            return Value(model.floatMod(a, b))
        case .idiv: return Value(model.floorDivide(a, b))
        case .pow: return Value(model.pow(a, b))
        default: return nil
        }
    }

    /// Out-of-line slow path of an arithmetic opcode (keeps the interpreter loop small).
    @inline(never)
    package func arithmeticSlow(_ op: Opcode, _ x: Value, _ y: Value, _ xo: Operand, _ yo: Operand) throws(LuaError) -> Value {
        let event = TagMethod(rawValue: TagMethod.add.rawValue + Int(op.rawValue) - Int(Opcode.add.rawValue))!
        if let r = arithmeticFast(event, x, y) { return r }
        return try arithmetic(event, x, y, xo, yo)
    }

    /// The general case: coercion of strings, then metamethods, then the error.
    @inline(never)
    package func arithmetic(_ event: TagMethod, _ x: Value, _ y: Value, _ xo: Operand, _ yo: Operand) throws(LuaError) -> Value {
        if let r = try arithmeticOnNumbers(event, x, y) { return r }
        if let tm = tagMethod(x, event) ?? tagMethod(y, event) {
            return try callValue(tm, x, y)
        }
        switch event {
        case .band, .bor, .bxor, .shl, .shr, .bnot:
            if toNumber(x) != nil && toNumber(y) != nil {
                let culprit = toInteger(x, exact: true) == nil ? xo : yo
                throw runtimeError("number" + variableInfo(culprit) + " has no integer representation")
            }
            let (v, o) = toNumber(x) == nil ? (x, xo) : (y, yo)
            throw typeError(v, o, "perform bitwise operation on")
        default:
            let (v, o) = toNumber(x) == nil ? (x, xo) : (y, yo)
            throw typeError(v, o, "perform arithmetic on")
        }
    }

    /// luaO_arith on values coerced to numbers; nil if an operand is not convertible.
    package func arithmeticOnNumbers(_ event: TagMethod, _ x: Value, _ y: Value) throws(LuaError) -> Value? {
        let model = numbers
        switch event {
        case .band, .bor, .bxor, .shl, .shr, .bnot:
            guard let m = toInteger(x, exact: true), let n = toInteger(y, exact: true) else { return nil }
            switch event {
            case .band: return Value(m & n)
            case .bor: return Value(m | n)
            case .bxor: return Value(m ^ n)
            case .shl: return Value(model.shiftLeft(m, n))
            case .shr: return Value(model.shiftLeft(m, 0 &- n))
            default: return Value(~m)
            }
        default:
            guard let nx = toNumber(x), let ny = toNumber(y) else { return nil }
            // Integer arithmetic only for operands that are integers already: numeric strings
            // convert to floats, as lua5.3 does ("10" + 1 is 11.0).
            if x.tag == .integer && y.tag == .integer && event != .div && event != .pow {
                let m = nx.integer
                let n = ny.integer
                switch event {
                case .add: return Value(model.wrap(m &+ n))
                case .sub: return Value(model.wrap(m &- n))
                case .mul: return Value(model.wrap(m &* n))
                case .mod:
                    if n == 0 { throw runtimeError("attempt to perform 'n%0'") }
                    return Value(integerMod(m, n))
                case .idiv:
                    if n == 0 { throw runtimeError("attempt to divide by zero") }
                    return Value(model.wrap(integerDiv(m, n)))
                case .unm: return Value(model.wrap(0 &- m))
                default: return nil
                }
            }
            let a = model.asFloat(nx)!
            let b = model.asFloat(ny)!
            switch event {
            case .add: return Value(model.round(a + b))
            case .sub: return Value(model.round(a - b))
            case .mul: return Value(model.round(a * b))
            case .div: return Value(model.round(a / b))
            case .mod:
                // The ESP8266's luai_nummod raises this (llimits.h, LUA_USE_ESP8266).
                if model == .int32Float && b == 0 { throw runtimeError("modulo by zero") }
                return Value(model.floatMod(a, b))
            case .idiv: return Value(model.floorDivide(a, b))
            case .pow: return Value(model.pow(a, b))
            case .unm: return Value(-a)
            default: return nil
            }
        }
    }

    // MARK: Conversions

    /// A number, or a string convertible to one (cvt2num); nil otherwise.
    package func toNumber(_ v: Value) -> Value? {
        if v.isNumber { return v }
        if v.isString, let n = parseNumeral(v.string.buffer, numbers: numbers) {
            switch n {
            case .integer(let i): return Value(i)
            case .float(let d): return Value(d)
            }
        }
        return nil
    }

    /// luaV_tointeger: exact conversion (mode 0), or floor/ceil rounding for 'for' limits.
    package func toInteger(_ v: Value, exact: Bool = true) -> Int64? {
        if v.tag == .integer { return v.integer }
        if v.tag == .float { return numbers.integer(fromFloat: v.float) }
        if v.isString, let n = toNumber(v) { return toInteger(n, exact: exact) }
        return nil
    }

    /// OP_FORPREP's conversions (lvm.c forlimit), with the model's LUA_MAXINTEGER.
    @inline(never)
    package func prepareNumericFor(_ ra: UnsafeMutablePointer<Value>) throws(LuaError) {
        let model = numbers
        let initial = ra[0]
        let limit = ra[1]
        let step = ra[2]
        if initial.tag == .integer && step.tag == .integer {
            let s = step.integer
            var stopNow = false
            var ilimit: Int64? = nil
            if limit.tag == .integer {
                ilimit = limit.integer
            } else if let n = toNumber(limit) {
                if n.tag == .integer {
                    ilimit = n.integer
                } else if let i = model.integer(fromFloat: n.float, mode: s < 0 ? 2 : 1) {
                    ilimit = i
                } else if 0 < n.float {
                    ilimit = model.maxInteger
                    if s < 0 { stopNow = true }
                } else {  // below the range, or NaN
                    ilimit = model.minInteger
                    if s >= 0 { stopNow = true }
                }
            }
            if let ilimit {
                let initv = stopNow ? 0 : initial.integer
                ra[1] = Value(ilimit)
                ra[0] = Value(model.wrap(initv &- s))
                return
            }
        }
        guard let nlimit = toNumber(limit).flatMap(model.asFloat) else { throw runtimeError("'for' limit must be a number") }
        ra[1] = Value(nlimit)
        guard let nstep = toNumber(step).flatMap(model.asFloat) else { throw runtimeError("'for' step must be a number") }
        ra[2] = Value(nstep)
        guard let ninit = toNumber(initial).flatMap(model.asFloat) else { throw runtimeError("'for' initial value must be a number") }
        ra[0] = Value(model.round(ninit - nstep))
    }
}

// integerMod, integerDiv, floatMod and shiftLeft live in FlashLuaBytecode (ArithmeticRules.swift),
// shared with the compiler's constant folding.
