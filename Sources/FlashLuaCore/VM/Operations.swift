/// Indexing, comparison, length and concatenation with their metamethods (lvm.c, ltm.c).
extension LuaState {
    package static let maxTagLoop = 2000

    /// t[key] with __index (luaV_finishget). `operand` names t in a type error.
    @inline(never)
    package func getIndex(_ object: Value, _ key: Value, operand: Operand) throws(LuaError) -> Value {
        var t = object
        var first = true
        for _ in 0..<LuaState.maxTagLoop {
            let tm: Value
            if t.tag == .table {
                let table = t.table
                // Method and field names are short strings: their lookup needs no general hashing.
                let p = key.tag == .shortString ? table.get(shortString: key.string) : table.get(key, seed: seed)
                if let p { return p.pointee }
                guard let m = fastTagMethod(table.metatable, .index) else { return .nil }
                tm = m
            } else {
                guard let m = tagMethod(t, .index) else {
                    throw typeError(t, first ? operand : .none, "index")
                }
                tm = m
            }
            if tm.isFunction { return try callValue(tm, t, key) }
            t = tm
            first = false
        }
        throw runtimeError("'__index' chain too long; possible loop")
    }

    /// t[key] = value with __newindex (luaV_finishset).
    @inline(never)
    package func setIndex(_ object: Value, _ key: Value, _ value: Value, operand: Operand) throws(LuaError) {
        var t = object
        var first = true
        for _ in 0..<LuaState.maxTagLoop {
            let tm: Value
            if t.tag == .table {
                let table = t.table
                let slot = key.tag == .shortString ? table.get(shortString: key.string) : table.get(key, seed: seed)
                if let p = slot {
                    p.pointee = value
                    return
                }
                guard let m = fastTagMethod(table.metatable, .newindex) else {
                    try rawSet(table, key, value)
                    return
                }
                tm = m
            } else {
                guard let m = tagMethod(t, .newindex) else {
                    throw typeError(t, first ? operand : .none, "index")
                }
                tm = m
            }
            if tm.isFunction {
                try callValue(tm, t, key, value)
                return
            }
            t = tm
            first = false
        }
        throw runtimeError("'__newindex' chain too long; possible loop")
    }

    /// rawset: checks the key, normalizes float keys, inserts.
    package func rawSet(_ table: LuaTable, _ key: Value, _ value: Value) throws(LuaError) {
        var k = key
        switch key.tag {
        case .nil: throw runtimeError("table index is nil")
        case .float:
            if key.float.isNaN { throw runtimeError("table index is NaN") }
            if let i = numbers.integer(fromFloat: key.float) { k = Value(i) }
        default: break
        }
        table.flags = 0
        if let p = table.slot(k, seed: seed) {
            p.pointee = value
            return
        }
        if value.tag == .nil { return }
        let p = try table.newKey(k, in: self)
        p.pointee = value
    }

    package func rawGet(_ table: LuaTable, _ key: Value) -> Value {
        table.get(key, seed: seed)?.pointee ?? .nil
    }

    // MARK: Comparison

    /// `==` with __eq for tables and userdata.
    @inline(never)
    package func valuesEqual(_ x: Value, _ y: Value) throws(LuaError) -> Bool {
        if x.tag != y.tag {
            if x.isNumber && y.isNumber { return x.rawEquals(y) }
            if x.isString && y.isString { return false }
            return false
        }
        switch x.tag {
        case .table, .userdata:
            if x.payload == y.payload { return true }
            let mx = metatable(of: x)
            guard let tm = fastTagMethod(mx, .eq) ?? fastTagMethod(metatable(of: y), .eq) else { return false }
            return !(try callValue(tm, x, y)).isFalsy
        default:
            return x.rawEquals(y)
        }
    }

    @inline(never)
    package func lessThan(_ x: Value, _ y: Value) throws(LuaError) -> Bool {
        if x.isNumber && y.isNumber { return numberLessThan(x, y) }
        if x.isString && y.isString { return LuaString.compare(x.string, y.string) < 0 }
        if let tm = tagMethod(x, .lt) ?? tagMethod(y, .lt) { return !(try callValue(tm, x, y)).isFalsy }
        throw orderError(x, y)
    }

    @inline(never)
    package func lessEqual(_ x: Value, _ y: Value) throws(LuaError) -> Bool {
        if x.isNumber && y.isNumber { return numberLessEqual(x, y) }
        if x.isString && y.isString { return LuaString.compare(x.string, y.string) <= 0 }
        if let tm = tagMethod(x, .le) ?? tagMethod(y, .le) { return !(try callValue(tm, x, y)).isFalsy }
        // 5.3: a <= b as not (b < a); the flag lets a yield inside finish the negation.
        if let tm = tagMethod(y, .lt) ?? tagMethod(x, .lt) {
            let ci = current.ci
            ci.pointee.flags |= CallInfo.lessEqualByLessThan
            let r = try callValue(tm, y, x)
            current.ci.pointee.flags &= ~CallInfo.lessEqualByLessThan
            return r.isFalsy
        }
        throw orderError(x, y)
    }

    package func orderError(_ x: Value, _ y: Value) -> LuaError {
        let t1 = objectTypeName(x)
        let t2 = objectTypeName(y)
        if t1 == t2 { return runtimeError("attempt to compare two \(t1) values") }
        return runtimeError("attempt to compare \(t1) with \(t2)")
    }

    // MARK: Length

    @inline(never)
    package func length(of v: Value, operand: Operand) throws(LuaError) -> Value {
        if v.tag == .table {
            let t = v.table
            if let tm = fastTagMethod(t.metatable, .len) { return try callValue(tm, v, v) }
            return Value(t.length())
        }
        if v.isString { return Value(Int64(v.string.count)) }
        guard let tm = tagMethod(v, .len) else { throw typeError(v, operand, "get length of") }
        return try callValue(tm, v, v)
    }

    // MARK: Concatenation

    /// Concatenates the `total` values at the top of the stack into one, left at top - total
    /// (luaV_concat: runs of strings/numbers at once, __concat for the rest).
    @inline(never)
    package func concatenate(_ total: Int) throws(LuaError) {
        let t = current!
        var total = total
        repeat {
            let topIndex = t.top
            var n = 2
            let a = t.stack[topIndex - 2]
            let b = t.stack[topIndex - 1]
            if !(a.isString || a.isNumber) || !(b.isString || b.isNumber) {
                guard let tm = tagMethod(a, .concat) ?? tagMethod(b, .concat) else {
                    let culprit = (a.isString || a.isNumber) ? (b, topIndex - 1) : (a, topIndex - 2)
                    throw typeError(culprit.0, stackOperand(culprit.1), "concatenate")
                }
                let r = try callValue(tm, a, b)
                t.stack[t.top - 2] = r
            } else if b.isString && b.string.count == 0 {
                // a .. "" is a (as a string).
                if !a.isString { t.stack[topIndex - 2] = Value(try toStringValue(a)) }
            } else if a.isString && a.string.count == 0 {
                t.stack[topIndex - 2] = b.isString ? b : Value(try toStringValue(b))
            } else {
                // Collect as many string-convertible values as possible.
                var length = 0
                n = 0
                while n < total {
                    let v = t.stack[topIndex - n - 1]
                    if v.isString {
                        length += v.string.count
                    } else if v.isNumber {
                        let s = try toStringValue(v)
                        t.stack[topIndex - n - 1] = Value(s)
                        length += s.count
                    } else {
                        break
                    }
                    n += 1
                }
                if length >= Int(UInt32.max) { throw runtimeError("string length overflow") }
                if length <= LuaString.maxShortLength {
                    // Short result: assemble on the stack; it is often already interned.
                    let result = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: LuaString.maxShortLength) {
                        (buffer) throws(LuaError) -> LuaString in
                        copyConcatenationPieces(t, top: topIndex, count: n, into: buffer.baseAddress!)
                        return try newString(UnsafeBufferPointer(start: buffer.baseAddress!, count: length))
                    }
                    t.stack[topIndex - n] = Value(result)
                    total -= n - 1
                    t.top -= n - 1
                    continue
                }
                let (dst, obj) = try newStringBuffer(count: length)
                copyConcatenationPieces(t, top: topIndex, count: n, into: dst)
                let result = try finishString(obj)
                t.stack[topIndex - n] = Value(result)
            }
            total -= n - 1
            t.top -= n - 1
        } while total > 1
    }

    /// Copies the `count` strings just below `top` into `dst`, deepest first.
    @inline(__always)
    private func copyConcatenationPieces(_ t: LuaThread, top: Int, count n: Int, into dst: UnsafeMutablePointer<UInt8>) {
        var offset = 0
        for j in (0..<n).reversed() {
            let s = t.stack[top - j - 1].string
            let c = s.count
            if c > 0 { (dst + offset).update(from: s.bytes, count: c) }
            offset += c
        }
    }

    /// Operand for a stack slot of the running Lua frame, if it is one of its registers.
    package func stackOperand(_ index: Int) -> Operand {
        let ci = current.ci
        guard ci.pointee.flags & CallInfo.isLua != 0 else { return .none }
        let r = index - ci.pointee.base
        return r >= 0 && index < ci.pointee.top ? r : .none
    }
}

/// Exact number ordering across integers and floats (lvm.c LTnum/LEnum).
package func numberLessThan(_ x: Value, _ y: Value) -> Bool {
    if x.tag == .integer {
        if y.tag == .integer { return x.integer < y.integer }
        return integerLessThanFloat(x.integer, y.float)
    }
    if y.tag == .float { return x.float < y.float }
    if x.float.isNaN { return false }
    return !integerLessEqualFloat(y.integer, x.float)
}

package func numberLessEqual(_ x: Value, _ y: Value) -> Bool {
    if x.tag == .integer {
        if y.tag == .integer { return x.integer <= y.integer }
        return integerLessEqualFloat(x.integer, y.float)
    }
    if y.tag == .float { return x.float <= y.float }
    if x.float.isNaN { return false }
    return !integerLessThanFloat(y.integer, x.float)
}

private let floatExactLimit: Int64 = 1 << 53

package func integerLessThanFloat(_ i: Int64, _ f: Double) -> Bool {
    if i >= -floatExactLimit && i <= floatExactLimit { return Double(i) < f }
    if f.isNaN { return false }
    let c = f.rounded(.up)
    if c >= -9.2233720368547758e18 && c < 9.2233720368547758e18 { return i < Int64(c) }
    return f > 0
}

package func integerLessEqualFloat(_ i: Int64, _ f: Double) -> Bool {
    if i >= -floatExactLimit && i <= floatExactLimit { return Double(i) <= f }
    if f.isNaN { return false }
    let fl = f.rounded(.down)
    if fl >= -9.2233720368547758e18 && fl < 9.2233720368547758e18 { return i <= Int64(fl) }
    return f > 0
}
