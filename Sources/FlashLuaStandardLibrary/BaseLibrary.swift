import FlashLuaCore
import FlashLuaText

/// The basic functions (lbaselib.c).
extension LuaState {
    func openBaseLibrary() throws(LuaError) {
        let g = globals!
        try setField(g, "_G", Value(g))
        try setField(g, "_VERSION", Value(try newString("Lua 5.3")))
        try register(
            g,
            [
                ("print", { (L: LuaState) throws(LuaError) -> Int in try L.basePrint() }),
                (
                    "type",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = try L.checkAny(1)
                        return try L.returnValues(Value(try L.newString(v.typeName)))
                    }
                ),
                (
                    "tostring",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = try L.checkAny(1)
                        return try L.returnValues(Value(try L.toStringMeta(v)))
                    }
                ),
                ("tonumber", { (L: LuaState) throws(LuaError) -> Int in try L.baseToNumber() }),
                (
                    "rawequal",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let a = try L.checkAny(1)
                        let b = try L.checkAny(2)
                        return try L.returnValues(Value(a.rawEquals(b)))
                    }
                ),
                (
                    "rawlen",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if v.isTable { return try L.returnValues(Value(v.table.length())) }
                        if v.isString { return try L.returnValues(Value(Int64(v.string.count))) }
                        throw L.argumentError(1, "table or string expected")
                    }
                ),
                (
                    "rawget",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t = try L.checkTable(1)
                        let k = try L.checkAny(2)
                        return try L.returnValues(L.rawGet(t, k))
                    }
                ),
                (
                    "rawset",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t = try L.checkTable(1)
                        let k = try L.checkAny(2)
                        let v = try L.checkAny(3)
                        try L.rawSet(t, k, v)
                        return try L.returnValues(Value(t))
                    }
                ),
                ("setmetatable", { (L: LuaState) throws(LuaError) -> Int in try L.baseSetMetatable() }),
                (
                    "getmetatable",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = try L.checkAny(1)
                        guard let mt = L.metatable(of: v) else { return try L.returnValues(.nil) }
                        if let p = mt.get(shortString: try L.fixedName("__metatable")) { return try L.returnValues(p.pointee) }
                        return try L.returnValues(Value(mt))
                    }
                ),
                (
                    "next",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t = try L.checkTable(1)
                        guard let (k, v) = try t.next(after: L.argument(2), in: L) else { return try L.returnValues(.nil) }
                        return try L.returnValues(k, v)
                    }
                ),
                ("pairs", { (L: LuaState) throws(LuaError) -> Int in try L.basePairs() }),
                (
                    "ipairs",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // LUA_COMPAT_IPAIRS (Debian's LUA_COMPAT_5_2): pairsmeta(L, "__ipairs", 1, ipairsaux).
                        let v = try L.checkAny(1)
                        if let mt = L.metatable(of: v), let tm = mt.get(shortString: try L.fixedName("__ipairs"))?.pointee,
                            !tm.isNil
                        {
                            let fi = try L.pushCall(tm, v)
                            try L.call(fi, wanted: 3)
                            return 3
                        }
                        return try L.returnValues(L.ipairsIterator, v, Value(Int64(0)))
                    }
                ),
                (
                    "select",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let n = L.argumentCount
                        let first = L.argument(1)
                        // luaB_select looks at the first character only: select("##") is select("#").
                        if first.isString && first.string.count >= 1 && first.string.bytes[0] == UInt8(ascii: "#") {
                            return try L.returnValues(Value(Int64(n - 1)))
                        }
                        var i = try L.checkInteger(1)
                        if i < 0 {
                            i = Int64(n) + i
                        } else if i > Int64(n) {
                            i = Int64(n)
                        }
                        if i < 1 { throw L.argumentError(1, "index out of range") }
                        return n - Int(i)
                    }
                ),
                (
                    "assert",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        if !v.isFalsy { return L.argumentCount }
                        _ = try L.checkAny(1)
                        let message = L.argumentCount >= 2 ? L.argument(2) : Value(try L.newString("assertion failed!"))
                        throw L.errorWithLevel(message, level: 1)
                    }
                ),
                (
                    "error",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let level = try L.optionalInteger(2, default: 1)
                        throw L.errorWithLevel(L.argument(1), level: Int(level))
                    }
                ),
                ("pcall", { (L: LuaState) throws(LuaError) -> Int in try L.protectedCallFromNative(withHandler: false) }),
                ("xpcall", { (L: LuaState) throws(LuaError) -> Int in try L.protectedCallFromNative(withHandler: true) }),
                ("collectgarbage", { (L: LuaState) throws(LuaError) -> Int in try L.baseCollectGarbage() }),
                ("load", { (L: LuaState) throws(LuaError) -> Int in try L.baseLoad() }),
                (
                    "loadfile",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.optionalString(1)
                        let mode = try L.optionalString(2)?.array ?? Array("bt".utf8)
                        let env: Value? = L.argumentCount >= 3 ? L.argument(3) : nil
                        do throws(LuaError) {
                            let f = try L.loadFile(name?.swiftString, mode: mode, env: env)
                            return try L.returnValues(Value(f))
                        } catch {
                            if error.kind == .memory { throw error }
                            return try L.returnValues(.nil, error.value)
                        }
                    }
                ),
                (
                    "dofile",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.optionalString(1)
                        let f: LuaClosure
                        do throws(LuaError) { f = try L.loadFile(name?.swiftString, mode: Array("bt".utf8), env: nil) } catch {
                            throw error.kind == .syntax ? L.raise(error.value) : error
                        }
                        let fi = L.stackTop
                        L.push(Value(f))
                        // Yieldable (lua_callk with dofilecont): a resume returns the chunk's results.
                        return try L.callReturningAll(fi)
                    }
                ),
            ])
        nextFunction = try getField(g, "next")
        extraRoots.append(nextFunction)
        builtinToString = try getField(g, "tostring")
        extraRoots.append(builtinToString)
        markYieldable(g, "pcall")
        markYieldable(g, "dofile")
        markYieldable(g, "xpcall")
        ipairsIterator = Value(
            try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
                let i = try L.checkInteger(2) &+ 1
                let t = L.argument(1)
                let v: Value
                if t.isTable, let p = t.table.get(integer: i) {
                    v = p.pointee
                } else if t.isTable && L.fastTagMethod(t.table.metatable, .index) == nil {
                    v = .nil
                } else {
                    v = try L.getIndex(t, Value(i), operand: .none)
                }
                if v.isNil { return try L.returnValues(.nil) }
                return try L.returnValues(Value(i), v)
            }))
        extraRoots.append(ipairsIterator)
    }

    func markYieldable(_ t: LuaTable, _ name: StaticString) {
        if let f = try? getField(t, name), f.tag == .nativeFunction {
            f.object.header.pointee.flags |= NativeClosure.yieldableFlag
        }
    }

    /// error(): strings get the position of `level`; any value may be raised.
    func errorWithLevel(_ value: Value, level: Int) -> LuaError {
        var v = value
        if v.isString && level > 0 {
            var msg: [UInt8] = []
            appendPosition(level: level, into: &msg)
            if !msg.isEmpty {
                msg += v.string.array
                if let s = try? newString(msg) { v = Value(s) }
            }
        }
        return raise(v)
    }

    private func basePrint() throws(LuaError) -> Int {
        let n = argumentCount
        let tostring = rawGet(globals, Value(try newString("tostring")))
        var line: [UInt8] = []
        for i in 1...max(n, 1) where i <= n {
            let v = argument(i)
            let s: LuaString
            let plain = v.tag == .integer || v.tag == .float || v.tag == .nil || v.tag == .boolean
            if v.isString && tostring.rawEquals(builtinToString) {
                s = v.string
            } else if plain && tostring.rawEquals(builtinToString) {
                s = try toStringValueAny(v)
            } else {
                // lua5.3's print calls the global tostring, whatever it is now.
                let r = try callValue(tostring, v, .nil)
                if r.isNumber {
                    s = try toStringValue(r)
                } else {
                    guard r.isString else { throw nativeError("'tostring' must return a string to 'print'") }
                    s = r.string
                }
            }
            if i > 1 { line.append(9) }
            line.append(contentsOf: s.buffer)
        }
        line.append(10)
        line.withUnsafeBufferPointer { writeOutput($0) }
        // lua5.3's print flushes stdout, so its output stays in order with stderr.
        host.flushOutput()
        return 0
    }

    /// nil, booleans and numbers as text (strings unchanged).
    func toStringValueAny(_ v: Value) throws(LuaError) -> LuaString {
        switch v.tag {
        case .nil: return try newString("nil")
        case .boolean: return try newString(v.boolean ? "true" : "false")
        default: return try toStringValue(v)
        }
    }

    private func baseToNumber() throws(LuaError) -> Int {
        if argument(2).isNil {
            let v = try checkAny(1)
            if v.isNumber { return try returnValues(v) }
            if v.isString, let n = toNumber(v) { return try returnValues(n) }
            return try returnValues(.nil)
        }
        let base = try checkInteger(2)
        let v = argument(1)
        guard v.isString else { throw argumentTypeError(1, expected: "string") }
        guard base >= 2 && base <= 36 else { throw argumentError(2, "base out of range") }
        let s = v.string.buffer
        var i = 0
        while i < s.count && CharacterClass.isSpace(s[i]) { i += 1 }
        var negative = false
        if i < s.count && s[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if i < s.count && s[i] == UInt8(ascii: "+") {
            i += 1
        }
        var n: Int64 = 0
        var digits = 0
        while i < s.count {
            let c = s[i]
            let d: Int64
            if c >= 48 && c <= 57 {
                d = Int64(c - 48)
            } else if c >= 97 && c <= 122 {
                d = Int64(c - 97 + 10)
            } else if c >= 65 && c <= 90 {
                d = Int64(c - 65 + 10)
            } else {
                break
            }
            if d >= base { return try returnValues(.nil) }
            n = n &* base &+ d
            digits += 1
            i += 1
        }
        while i < s.count && CharacterClass.isSpace(s[i]) { i += 1 }
        if digits == 0 || i != s.count { return try returnValues(.nil) }
        // The digits accumulate in lua_Unsigned, so they wrap at the model's width.
        return try returnValues(Value(numbers.wrap(negative ? 0 &- n : n)))
    }

    private func baseSetMetatable() throws(LuaError) -> Int {
        let t = try checkTable(1)
        let mt = argument(2)
        guard argumentCount >= 2 && (mt.isNil || mt.isTable) else { throw argumentError(2, "nil or table expected") }
        if let old = t.metatable, let field = old.get(shortString: try fixedName("__metatable")), !field.pointee.isNil {
            throw nativeError("cannot change a protected metatable")
        }
        t.metatable = mt.isNil ? nil : mt.table
        if !mt.isNil { checkFinalizer(t.raw, mt.table) }
        return try returnValues(Value(t))
    }

    private func basePairs() throws(LuaError) -> Int {
        let v = try checkAny(1)
        if let mt = metatable(of: v), let tm = mt.get(shortString: try fixedName("__pairs"))?.pointee, !tm.isNil {
            let fi = try pushCall(tm, v)
            try call(fi, wanted: 3)
            return 3
        }
        return try returnValues(nextFunction, v, .nil)
    }

    private func baseCollectGarbage() throws(LuaError) -> Int {
        let options = ["stop", "restart", "collect", "count", "step", "setpause", "setstepmul", "isrunning"]
        let option = try optionalString(1)?.swiftString ?? "collect"
        guard options.contains(option) else { throw argumentError(1, "invalid option '\(option)'") }
        // luaB_collectgarbage passes the argument to lua_gc as a C int.
        let arg = Int(Int32(truncatingIfNeeded: try optionalInteger(2, default: 0)))
        switch option {
        case "stop":
            collectorIsStopped = true
            return try returnValues(Value(Int64(0)))
        case "restart":
            collectorIsStopped = false
            return try returnValues(Value(Int64(0)))
        case "count":
            return try returnValues(number(Double(totalBytes) / 1024))
        case "step":
            return try returnValues(Value(try collectorStep(kilobytes: arg)))
        case "setpause":
            return try returnValues(Value(Int64(setCollectorPause(arg))))
        case "setstepmul":
            return try returnValues(Value(Int64(setCollectorStepMultiplier(arg))))
        case "isrunning":
            return try returnValues(Value(!collectorIsStopped))
        default:
            try collectNow()
            return try returnValues(Value(Int64(0)))
        }
    }

    private func baseLoad() throws(LuaError) -> Int {
        let chunk = argument(1)
        let mode = try optionalString(3)?.array ?? Array("bt".utf8)
        let env: Value? = argumentCount >= 4 ? argument(4) : nil
        var text: [UInt8]
        var chunkName: [UInt8]
        if chunk.isString || chunk.isNumber {
            // lua_tolstring: a number is a chunk too (its text).
            text = try checkString(1).array
            chunkName = try optionalString(2)?.array ?? text
        } else if chunk.isFunction {
            chunkName = try optionalString(2)?.array ?? Array("=(load)".utf8)
            text = []
            while true {
                // lua_load is protected: an error in the reader makes load return nil, message.
                try ensureStack(1)
                let fi = stackTop
                push(chunk)
                if let error = try protectedCall(fi, wanted: 1, handler: 0) {
                    stackTop = fi
                    return try returnValues(.nil, error.value)
                }
                let piece = stackValue(fi)
                stackTop = fi
                if piece.isNil { break }
                // generic_reader accepts what lua_isstring accepts: strings and numbers.
                let pieceString: LuaString
                if piece.isString {
                    pieceString = piece.string
                } else if piece.isNumber {
                    pieceString = try toStringValue(piece)
                } else {
                    return try returnValues(.nil, Value(try newString("reader function must return a string")))
                }
                if pieceString.count == 0 { break }
                text += pieceString.buffer
            }
        } else {
            _ = try optionalString(2)  // luaB_load checks the chunk name before the reader
            throw argumentTypeError(1, expected: "function")
        }
        do {
            let f = try text.withUnsafeBufferPointer { b throws(LuaError) in try load(b, chunkName: chunkName, mode: mode, env: env) }
            return try returnValues(Value(f))
        } catch {
            if error.kind == .memory { throw error }
            return try returnValues(.nil, error.value)
        }
    }
}
