/// What native (Swift) library functions use: their arguments, results and the lauxlib-style
/// checks with lua5.3's messages ("bad argument #1 to 'insert' (table expected, got nil)").
extension LuaState {
    /// Number of arguments of the running native function.
    @inline(__always) public var argumentCount: Int { current.top - current.ci.pointee.base }

    /// Argument n (1-based), nil when absent.
    @inline(__always) func argument(_ n: Int) -> Value {
        let t = current!
        let index = t.ci.pointee.base + n - 1
        return index < t.top ? t.stack[index] : .nil
    }

    /// Pushes a result (the stack has room for LUA_MINSTACK values; call ensureStack for more).
    @inline(__always) func push(_ v: Value) { current.push(v) }

    /// Returns the given values as results.
    func returnValues(_ values: Value...) throws(LuaError) -> Int {
        try ensureStack(values.count)
        for v in values { current.push(v) }
        return values.count
    }

    /// Returns one result without building an array (a native always has LUA_MINSTACK free slots).
    @inline(__always) func returnValue(_ v: Value) -> Int {
        current.push(v)
        return 1
    }

    func argumentError(_ n: Int, _ message: String) -> LuaError {
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
    func argumentTypeName(_ n: Int) -> String {
        if n > argumentCount { return "no value" }
        let v = argument(n)
        if let mt = metatable(of: v), let key = try? fixedName("__name"), let name = mt.get(shortString: key)?.pointee, name.isString {
            return name.string.swiftString
        }
        if v.tag == .lightUserdata { return "light userdata" }
        return v.typeName.text
    }

    func argumentTypeError(_ n: Int, expected: String) -> LuaError {
        argumentError(n, "\(expected) expected, got \(argumentTypeName(n))")
    }

    func checkAny(_ n: Int) throws(LuaError) -> Value {
        if n > argumentCount { throw argumentError(n, "value expected") }
        return argument(n)
    }

    func checkTable(_ n: Int) throws(LuaError) -> LuaTable {
        let v = argument(n)
        guard v.tag == .table else { throw argumentTypeError(n, expected: "table") }
        return v.table
    }

    func checkInteger(_ n: Int) throws(LuaError) -> Int64 {
        let v = argument(n)
        if v.tag == .integer { return v.integer }
        if let i = toInteger(v) { return i }
        if toNumber(v) != nil { throw argumentError(n, "number has no integer representation") }
        throw argumentTypeError(n, expected: "number")
    }

    func optionalInteger(_ n: Int, default d: Int64) throws(LuaError) -> Int64 {
        argument(n).isNil ? d : try checkInteger(n)
    }

    func checkNumber(_ n: Int) throws(LuaError) -> Value {
        let v = argument(n)
        if v.isNumber { return v }
        if let x = toNumber(v) { return x }
        throw argumentTypeError(n, expected: "number")
    }

    func checkFloat(_ n: Int) throws(LuaError) -> Double {
        try checkNumber(n).asFloat!
    }

    /// A string argument; numbers are converted in place (as lua_tolstring does).
    func checkString(_ n: Int) throws(LuaError) -> LuaString {
        let v = argument(n)
        if v.isString { return v.string }
        if v.isNumber {
            let s = try toStringValue(v)
            current.stack[current.ci.pointee.base + n - 1] = Value(s)
            return s
        }
        throw argumentTypeError(n, expected: "string")
    }

    func optionalString(_ n: Int) throws(LuaError) -> LuaString? {
        argument(n).isNil ? nil : try checkString(n)
    }

    func checkFunction(_ n: Int) throws(LuaError) -> Value {
        let v = argument(n)
        guard v.isFunction else { throw argumentTypeError(n, expected: "function") }
        return v
    }

    /// luaL_checkoption: the index of the string argument in `options` (or of `default` when the
    /// argument is absent and a default is given); "invalid option 'x'" otherwise.
    func checkOption(_ n: Int, default d: String?, _ options: [String]) throws(LuaError) -> Int {
        let name: String
        if let d, argument(n).isNil { name = d } else { name = try checkString(n).swiftString }
        if let i = options.firstIndex(of: name) { return i }
        throw argumentError(n, "invalid option '\(name)'")
    }

    /// Registers native functions as fields of a table.
    func register(_ table: LuaTable, _ functions: [(StaticString, NativeFunction)]) throws(LuaError) {
        for (name, f) in functions {
            let fn = try newNativeClosure(f)
            try rawSet(table, Value(try newString(name)), Value(fn))
        }
    }

    /// The global table `name` (e.g. NodeMCU's `node`, which several modules fill), made when missing.
    func globalTable(_ name: StaticString) throws(LuaError) -> LuaTable {
        let existing = try getField(globals, name)
        if existing.isTable { return existing.table }
        let table = try newTable()
        try setField(globals, name, Value(table))
        return table
    }

    /// Sets t[name] = v.
    func setField(_ table: LuaTable, _ name: StaticString, _ v: Value) throws(LuaError) {
        try rawSet(table, Value(try newString(name)), v)
    }

    func getField(_ table: LuaTable, _ name: StaticString) throws(LuaError) -> Value {
        rawGet(table, Value(try newString(name)))
    }
}
