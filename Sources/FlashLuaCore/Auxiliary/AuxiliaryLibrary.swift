import FlashLuaText

/// What native (Swift) library functions use: their arguments, results and the lauxlib-style
/// checks with lua5.3's messages ("bad argument #1 to 'insert' (table expected, got nil)").
extension LuaState {
    /// Number of arguments of the running native function.
    @inlinable @inline(__always) public var argumentCount: Int { current.top - current.ci.pointee.base }

    /// Argument n (1-based), nil when absent.
    @inlinable @inline(__always) package func argument(_ n: Int) -> Value {
        let t = current!
        let index = t.ci.pointee.base + n - 1
        return index < t.top ? t.stack[index] : .nil
    }

    /// Pushes a result (the stack has room for LUA_MINSTACK values; call ensureStack for more).
    @inlinable @inline(__always) package func push(_ v: Value) { current.push(v) }

    /// Returns the given values as results.
    package func returnValues(_ values: Value...) throws(LuaError) -> Int {
        try ensureStack(values.count)
        for v in values { current.push(v) }
        return values.count
    }

    // Fixed-count forms: a variadic call from another module builds its array on the heap.
    package func returnValues(_ a: Value) throws(LuaError) -> Int {
        try ensureStack(1)
        current.push(a)
        return 1
    }

    package func returnValues(_ a: Value, _ b: Value) throws(LuaError) -> Int {
        try ensureStack(2)
        current.push(a)
        current.push(b)
        return 2
    }

    package func returnValues(_ a: Value, _ b: Value, _ c: Value) throws(LuaError) -> Int {
        try ensureStack(3)
        let t = current!
        t.push(a)
        t.push(b)
        t.push(c)
        return 3
    }

    /// Returns one result without building an array (a native always has LUA_MINSTACK free slots).
    @inline(__always) package func returnValue(_ v: Value) -> Int {
        current.push(v)
        return 1
    }

    package func argumentError(_ n: Int, _ message: String) -> LuaError {
        let t = current!
        var arg = n
        let name = functionName(t.ciIndex, in: t)
        if let (kind, fname) = name, kind == "method" {
            arg -= 1
            if arg == 0 { return nativeError("calling '\(fname)' on bad self (\(message))") }
        }
        let fname = name?.1 ?? globalFunctionName(t.stack[t.ci.pointee.function]) ?? "?"
        return nativeError("bad argument #\(arg) to '\(fname)' (\(message))")
    }

    /// Type name as luaL_typeerror reports it (__name, "light userdata", "no value").
    package func argumentTypeName(_ n: Int) -> String {
        if n > argumentCount { return "no value" }
        let v = argument(n)
        if let mt = metatable(of: v), let key = try? fixedName("__name"), let name = mt.get(shortString: key)?.pointee, name.isString {
            return name.string.swiftString
        }
        if v.tag == .lightUserdata { return "light userdata" }
        return v.typeName.text
    }

    package func argumentTypeError(_ n: Int, expected: String) -> LuaError {
        argumentError(n, "\(expected) expected, got \(argumentTypeName(n))")
    }

    package func checkAny(_ n: Int) throws(LuaError) -> Value {
        if n > argumentCount { throw argumentError(n, "value expected") }
        return argument(n)
    }

    package func checkTable(_ n: Int) throws(LuaError) -> LuaTable {
        let v = argument(n)
        guard v.tag == .table else { throw argumentTypeError(n, expected: "table") }
        return v.table
    }

    package func checkInteger(_ n: Int) throws(LuaError) -> Int64 {
        let v = argument(n)
        if v.tag == .integer { return v.integer }
        if let i = toInteger(v) { return i }
        if toNumber(v) != nil { throw argumentError(n, "number has no integer representation") }
        throw argumentTypeError(n, expected: "number")
    }

    package func optionalInteger(_ n: Int, default d: Int64) throws(LuaError) -> Int64 {
        argument(n).isNil ? d : try checkInteger(n)
    }

    package func checkNumber(_ n: Int) throws(LuaError) -> Value {
        let v = argument(n)
        if v.isNumber { return v }
        if let x = toNumber(v) { return x }
        throw argumentTypeError(n, expected: "number")
    }

    package func checkFloat(_ n: Int) throws(LuaError) -> Double {
        numbers.asFloat(try checkNumber(n))!
    }

    /// A string argument; numbers are converted in place (as lua_tolstring does).
    package func checkString(_ n: Int) throws(LuaError) -> LuaString {
        let v = argument(n)
        if v.isString { return v.string }
        if v.isNumber {
            let s = try toStringValue(v)
            current.stack[current.ci.pointee.base + n - 1] = Value(s)
            return s
        }
        throw argumentTypeError(n, expected: "string")
    }

    package func optionalString(_ n: Int) throws(LuaError) -> LuaString? {
        argument(n).isNil ? nil : try checkString(n)
    }

    package func checkFunction(_ n: Int) throws(LuaError) -> Value {
        let v = argument(n)
        guard v.isFunction else { throw argumentTypeError(n, expected: "function") }
        return v
    }

    /// luaL_checkoption: the index of the string argument in `options` (or of `default` when the
    /// argument is absent and a default is given); "invalid option 'x'" otherwise.
    package func checkOption(_ n: Int, default d: String?, _ options: [String]) throws(LuaError) -> Int {
        let name: String
        if let d, argument(n).isNil { name = d } else { name = try checkString(n).swiftString }
        if let i = options.firstIndex(of: name) { return i }
        throw argumentError(n, "invalid option '\(name)'")
    }

    /// Registers native functions as fields of a table.
    package func register(_ table: LuaTable, _ functions: [(StaticString, NativeFunction)]) throws(LuaError) {
        for (name, f) in functions {
            let fn = try newNativeClosure(f)
            try rawSet(table, Value(try newString(name)), Value(fn))
        }
    }

    /// The global table `name` (e.g. NodeMCU's `node`, which several modules fill), made when missing.
    package func globalTable(_ name: StaticString) throws(LuaError) -> LuaTable {
        let existing = try getField(globals, name)
        if existing.isTable { return existing.table }
        let table = try newTable()
        try setField(globals, name, Value(table))
        return table
    }

    /// Sets t[name] = v.
    package func setField(_ table: LuaTable, _ name: StaticString, _ v: Value) throws(LuaError) {
        try rawSet(table, Value(try newString(name)), v)
    }

    package func getField(_ table: LuaTable, _ name: StaticString) throws(LuaError) -> Value {
        rawGet(table, Value(try newString(name)))
    }

    /// A FlashLuaText error as a Lua error: plain ones get the caller's position (luaL_error),
    /// argument ones read "bad argument #n to 'f' (...)".
    package func textError(_ e: TextError) -> LuaError {
        e.argument == 0 ? nativeError(e.message) : argumentError(e.argument, e.message)
    }

    /// A string position relative to the end when negative (posrelat): 0 when before the start.
    package func relativePosition(_ pos: Int64, _ length: Int) -> Int64 {
        if pos >= 0 { return pos }
        if pos.magnitude > UInt64(length) { return 0 }
        return Int64(length) + pos + 1
    }

    /// luaL_checkstack: room for n more values, else "stack overflow (message)".
    /// lua_checkstack: makes room for `n` more values on the running thread, or returns false
    /// when that would pass the stack limit or memory runs out (no error escapes).
    package func checkStack(_ n: Int) -> Bool {
        let t = current!
        if t.top + n + StackLimits.extra > StackLimits.maxSize { return false }
        do { try ensureStack(n) } catch { return false }
        return true
    }

    package func checkStackSpace(_ n: Int, _ message: String) throws(LuaError) {
        let t = current!
        if t.top + n + StackLimits.extra > StackLimits.maxSize { throw nativeError("stack overflow (\(message))") }
        try ensureStack(n)
    }

    /// Raises "not enough memory" before a result buffer of `count` bytes would pass the heap
    /// limit (or the largest string length), so huge results fail as Lua errors.
    @inline(__always) package func checkResultSize(_ count: Int) throws(LuaError) {
        if count > Int(Int32.max) { throw LuaError(.memory, Value(memoryErrorMessage)) }
        if totalBytes + count > heapLimit { try emergencyCollect(needing: count) }
    }

    /// A new string from a slice of a buffer.
    package func newString(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(LuaError) -> LuaString {
        try newString(UnsafeBufferPointer(rebasing: b[start..<end]))
    }

    /// The upvalues of the running native closure.
    @inlinable package var currentNativeUpvalues: UnsafeMutablePointer<Value> {
        let t = current!
        return t.stack[t.ci.pointee.function].nativeClosure.upvalues
    }

    /// Upvalue i of the running native closure.
    @inlinable @inline(__always) package func currentNativeUpvalue(_ i: Int) -> Value {
        let t = current!
        return t.stack[t.ci.pointee.function].nativeClosure.upvalues[i]
    }

    /// package.loaded[name] = v
    package func setLoaded(_ name: StaticString, _ v: Value) throws(LuaError) {
        let key = try newString("_LOADED")
        var loaded = rawGet(registry, Value(key))
        if !loaded.isTable {
            loaded = Value(try newTable())
            try rawSet(registry, Value(key), loaded)
        }
        try setField(loaded.table, name, v)
    }
}
