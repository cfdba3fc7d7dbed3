import FlashLuaBytecode
import FlashLuaCore

/// The debug library (ldblib.c).
extension LuaState {
    func openDebugLibrary() throws(LuaError) {
        let lib = try newTable()
        try register(
            lib,
            [
                ("traceback", { (L: LuaState) throws(LuaError) -> Int in try L.debugTraceback() }),
                ("getinfo", { (L: LuaState) throws(LuaError) -> Int in try L.debugGetInfo() }),
                (
                    "getmetatable",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = try L.checkAny(1)
                        return try L.returnValues(L.metatable(of: v).map { Value($0) } ?? .nil)
                    }
                ),
                (
                    "setmetatable",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        let mt = L.argument(2)
                        guard L.argumentCount >= 2 && (mt.isNil || mt.isTable) else { throw L.argumentError(2, "nil or table expected") }
                        let table: LuaTable? = mt.isNil ? nil : mt.table
                        switch v.tag {
                        case .table:
                            v.table.metatable = table
                            L.checkFinalizer(v.object, table)
                        case .userdata:
                            v.userdata.metatable = table
                            L.checkFinalizer(v.object, table)
                        default: L.setTypeMetatable(v.tag, table)
                        }
                        return try L.returnValues(v)
                    }
                ),
                ("getregistry", { (L: LuaState) throws(LuaError) -> Int in try L.returnValues(Value(L.registry)) }),
                (
                    "getuservalue",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        return try L.returnValues(v.tag == .userdata ? v.userdata.userValue : .nil)
                    }
                ),
                (
                    "setuservalue",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let v = L.argument(1)
                        guard v.tag == .userdata else { throw L.argumentTypeError(1, expected: "userdata") }
                        _ = try L.checkAny(2)
                        v.userdata.userValue = L.argument(2)
                        return try L.returnValues(v)
                    }
                ),
                (
                    "getupvalue",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let f = try L.checkFunction(1)
                        let n = Int(try L.checkInteger(2))
                        guard let (name, slot) = L.upvalueSlot(f, n) else { return 0 }
                        return try L.returnValues(Value(try L.newString(name)), slot.pointee)
                    }
                ),
                (
                    "setupvalue",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let f = try L.checkFunction(1)
                        let n = Int(try L.checkInteger(2))
                        let v = try L.checkAny(3)
                        guard let (name, slot) = L.upvalueSlot(f, n) else { return 0 }
                        slot.pointee = v
                        return try L.returnValues(Value(try L.newString(name)))
                    }
                ),
                (
                    "upvalueid",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let n = try L.checkUpvalueIndex(function: 1, index: 2)
                        let f = L.argument(1)
                        guard let (_, slot) = L.upvalueSlot(f, n) else { throw L.argumentError(2, "invalid upvalue index") }
                        if f.tag == .luaFunction {
                            return try L.returnValues(
                                Value(tag: .lightUserdata, payload: UInt64(UInt(bitPattern: f.luaClosure.upvalues[n - 1]))))
                        }
                        return try L.returnValues(Value(tag: .lightUserdata, payload: UInt64(UInt(bitPattern: slot))))
                    }
                ),
                (
                    "upvaluejoin",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // As ldblib.c: both (function, index) pairs are checked before the natives.
                        let n1 = try L.checkUpvalueIndex(function: 1, index: 2)
                        let n2 = try L.checkUpvalueIndex(function: 3, index: 4)
                        let f1 = L.argument(1)
                        let f2 = L.argument(3)
                        guard f1.tag == .luaFunction else { throw L.argumentError(1, "Lua function expected") }
                        guard f2.tag == .luaFunction else { throw L.argumentError(3, "Lua function expected") }
                        f1.luaClosure.upvalues[n1 - 1] = f2.luaClosure.upvalues[n2 - 1]
                        return 0
                    }
                ),
                ("sethook", { (L: LuaState) throws(LuaError) -> Int in try L.debugSetHook() }),
                (
                    "gethook",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let (t, _) = L.threadArgument()
                        let hook = L.hook(of: t)
                        var mask: [UInt8] = []
                        if hook.mask & HookMask.call != 0 { mask.append(UInt8(ascii: "c")) }
                        if hook.mask & HookMask.ret != 0 { mask.append(UInt8(ascii: "r")) }
                        if hook.mask & HookMask.line != 0 { mask.append(UInt8(ascii: "l")) }
                        return try L.returnValues(hook.function, Value(try L.newString(mask)), Value(Int64(hook.count)))
                    }
                ),
                ("debug", { (L: LuaState) throws(LuaError) -> Int in try L.debugDebug() }),
                ("getlocal", { (L: LuaState) throws(LuaError) -> Int in try L.debugGetLocal() }),
                ("setlocal", { (L: LuaState) throws(LuaError) -> Int in try L.debugSetLocal() }),
            ])
        try setField(globals, "debug", Value(lib))
        try setLoaded("debug", Value(lib))
    }

    /// (name, slot) of upvalue n (1-based) of a function; natives' upvalues are named "".
    func upvalueSlot(_ f: Value, _ n: Int) -> (String, UnsafeMutablePointer<Value>)? {
        if f.tag == .luaFunction {
            let c = f.luaClosure
            guard n >= 1 && n <= c.upvalueCount else { return nil }
            // Stripped functions have no upvalue names (lapi.c's aux_upvalue); a soft function
            // not loaded has them in its file.
            let p = c.proto
            let known: String?
            if p.softFlags & SoftFlags.stub != 0 {
                known = (try? readSoftCode(p).get()).flatMap { n - 1 < $0.upvalues.count ? $0.upvalues[n - 1].name : nil }
                    .map { String(decoding: $0, as: UTF8.self) }
            } else {
                known = p.upvalueName(n - 1)?.swiftString
            }
            let name = known ?? "(*no name)"
            return (name, c.upvalue(n - 1).pointer)
        }
        let c = f.nativeClosure
        guard n >= 1 && n <= c.upvalueCount else { return nil }
        return ("", c.upvalues + (n - 1))
    }

    /// ldblib.c's checkupval: the index argument is an integer, the function argument a function,
    /// and the index names one of its upvalues ("invalid upvalue index").
    func checkUpvalueIndex(function: Int, index: Int) throws(LuaError) -> Int {
        let n = Int(try checkInteger(index))
        let f = try checkFunction(function)
        let count = f.tag == .luaFunction ? f.luaClosure.upvalueCount : f.nativeClosure.upvalueCount
        guard n >= 1 && n <= count else { throw argumentError(index, "invalid upvalue index") }
        return n
    }

    /// debug.debug: runs lines read from standard input until "cont" or end of file (db_debug).
    private func debugDebug() throws(LuaError) -> Int {
        func writeError(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { host.writeError($0) } }
        while true {
            writeError(Array("lua_debug> ".utf8))
            var line: [UInt8] = []
            while line.count < 249 {  // fgets into a 250-byte buffer
                let c = host.files.readByte(0)
                if c < 0 { break }
                line.append(UInt8(truncatingIfNeeded: c))
                if c == 10 { break }
            }
            if line.isEmpty || line == Array("cont\n".utf8) { return 0 }
            let base = stackTop
            var failure: Value? = nil
            do throws(LuaError) {
                let f = try line.withUnsafeBufferPointer { (b) throws(LuaError) -> LuaClosure in
                    try load(b, chunkName: Array("=(debug command)".utf8))
                }
                try ensureStack(1)
                push(Value(f))
                if let error = try protectedCall(base, wanted: 0, handler: 0) { failure = error.value }
            } catch {
                if error.kind == .memory || error.kind == .yield || error.kind == .restart { throw error }
                failure = error.value
            }
            if let failure {
                let text = failure.isString || failure.isNumber ? rawToStringBytes(failure) : Array("(null)".utf8)
                writeError(text + [10])
            }
            stackTop = base
        }
    }

    /// Optional leading thread argument of debug functions: (thread, index of the next argument).
    func threadArgument() -> (LuaThread, Int) {
        let v = argument(1)
        if v.tag == .thread { return (v.thread, 2) }
        return (current, 1)
    }

    private func debugTraceback() throws(LuaError) -> Int {
        let (t, arg) = threadArgument()
        let message = argument(arg)
        if !message.isNil && !message.isString && !message.isNumber { return try returnValues(message) }
        let level = Int(try optionalInteger(arg + 1, default: t == current ? 1 : 0))
        let text = message.isNil ? nil : rawToStringBytes(message)
        return try returnValues(Value(try newString(traceback(t, message: text, level: level))))
    }

    private func debugGetInfo() throws(LuaError) -> Int {
        let (t, arg) = threadArgument()
        let options = try optionalString(arg + 1)?.array ?? Array("flnStu".utf8)
        let target = argument(arg)
        var function: Value
        var ciIndex: Int? = nil
        if target.isFunction {
            function = target
        } else {
            // Level 0 is the running function of t (getinfo itself for the running thread,
            // the yield of a suspended coroutine).
            let level = Int(try checkInteger(arg))
            guard let index = callInfoIndex(level: level, in: t) else { return try returnValues(.nil) }
            ciIndex = index
            function = frameFunction(index, in: t)
        }
        for c in options where !"SlnutfL".utf8.contains(c) { throw argumentError(arg + 1, "invalid option") }
        // On the stack at once (the result): filling it makes many strings, and the table is soon
        // not among the recent objects an emergency collection keeps.
        let info = try newTable()
        push(Value(info))
        func set(_ name: StaticString, _ v: Value) throws(LuaError) { try setField(info, name, v) }
        if options.contains(UInt8(ascii: "S")) {
            if function.tag == .luaFunction {
                let p = function.luaClosure.proto
                let source = p.source?.array ?? Array("=?".utf8)
                try set("source", Value(try newString(source)))
                try set("short_src", Value(try newString(chunkID(source))))
                try set("linedefined", Value(Int64(p.lineDefined)))
                try set("lastlinedefined", Value(Int64(p.lastLineDefined)))
                try set("what", Value(try newString(p.lineDefined == 0 ? "main" : "Lua")))
            } else {
                try set("source", Value(try newString("=[C]")))
                try set("short_src", Value(try newString("[C]")))
                try set("linedefined", Value(Int64(-1)))
                try set("lastlinedefined", Value(Int64(-1)))
                try set("what", Value(try newString("C")))
            }
        }
        if options.contains(UInt8(ascii: "l")) {
            try set("currentline", Value(Int64(ciIndex.map { currentLine($0, in: t) } ?? -1)))
        }
        if options.contains(UInt8(ascii: "u")) {
            if function.tag == .luaFunction {
                let c = function.luaClosure
                try set("nups", Value(Int64(c.upvalueCount)))
                try set("nparams", Value(Int64(c.proto.numParams)))
                try set("isvararg", Value(c.proto.isVararg))
            } else {
                try set("nups", Value(Int64(function.nativeClosure.upvalueCount)))
                try set("nparams", Value(Int64(0)))
                try set("isvararg", .true)
            }
        }
        if options.contains(UInt8(ascii: "n")) {
            if let index = ciIndex, let (kind, name) = functionName(index, in: t) {
                try set("name", Value(try newString(name)))
                try set("namewhat", Value(try newString(kind)))
            } else {
                try set("namewhat", Value(try newString("")))
            }
        }
        if options.contains(UInt8(ascii: "t")) {
            let tail = ciIndex.map { isTailCall($0, in: t) } ?? false
            try set("istailcall", Value(tail))
        }
        if options.contains(UInt8(ascii: "L")) {
            if function.tag == .luaFunction {
                let lines = try newTable()
                let p = function.luaClosure.proto
                if p.softFlags & SoftFlags.stub != 0 {
                    for line in try softDescription(p).lineInfo { try rawSet(lines, Value(Int64(line)), .true) }
                } else {
                    for pc in 0..<p.lineInfoCount { try rawSet(lines, Value(Int64(p.lineInfo[pc])), .true) }
                }
                try set("activelines", Value(lines))
            }
        }
        if options.contains(UInt8(ascii: "f")) { try set("func", function) }
        return 1
    }

    private func debugSetHook() throws(LuaError) -> Int {
        let (t, arg) = threadArgument()
        let f = argument(arg)
        if f.isNil || argumentCount < arg {
            setHook(of: t, function: .nil, mask: 0, count: 0)
            return 0
        }
        let maskText = try checkString(arg + 1).array
        guard f.isFunction else { throw argumentTypeError(arg, expected: "function") }
        let count = Int(try optionalInteger(arg + 2, default: 0))
        var mask: UInt8 = 0
        if maskText.contains(UInt8(ascii: "c")) { mask |= HookMask.call }
        if maskText.contains(UInt8(ascii: "r")) { mask |= HookMask.ret }
        if maskText.contains(UInt8(ascii: "l")) { mask |= HookMask.line }
        if count > 0 { mask |= HookMask.count }
        setHook(of: t, function: f, mask: mask, count: count)
        return 0
    }

    private func debugGetLocal() throws(LuaError) -> Int {
        let (t, arg) = threadArgument()
        let n = Int(try checkInteger(arg + 1))
        let target = argument(arg)
        if target.isFunction {
            guard target.tag == .luaFunction, let name = target.luaClosure.proto.localName(n, at: 0) else {
                return try returnValues(.nil)
            }
            return try returnValues(Value(name))
        }
        let adjusted = Int(try checkInteger(arg))
        guard callInfoIndex(level: adjusted, in: t) != nil else { throw argumentError(arg, "level out of range") }
        guard let (name, value) = getLocal(n, level: adjusted, in: t) else { return try returnValues(.nil) }
        return try returnValues(Value(try newString(name)), value)
    }

    private func debugSetLocal() throws(LuaError) -> Int {
        let (t, arg) = threadArgument()
        let adjusted = Int(try checkInteger(arg))
        let n = Int(try checkInteger(arg + 1))
        let v = try checkAny(arg + 2)
        guard callInfoIndex(level: adjusted, in: t) != nil else { throw argumentError(arg, "level out of range") }
        guard let name = setLocal(n, level: adjusted, in: t, to: v) else { return try returnValues(.nil) }
        return try returnValues(Value(try newString(name)))
    }
}
