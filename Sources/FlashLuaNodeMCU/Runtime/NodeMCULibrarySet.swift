import FlashLuaCore

/// NodeMCU's Lua 5.3 library set, made from the standard library a state opened (Debian's
/// lua5.3 set: compat 5.2, io, os, bit32). What the firmware has, from ../shared/nodemcu:
/// - app/lua53/linit.c: base, package, string, table, debug, coroutine, math, utf8 (io and os
///   are in the luac.cross host build only; bit32 is not there: NodeMCU's `bit` is a module).
/// - app/lua53/lmathlib.c's mathlib ROTable without LUA_COMPAT_MATHLIB (luaconf.h keeps it off,
///   LUA_NODEMCU_COMPAT_MATHLIB "retains NodeMCU subset"): no atan2, cosh, sinh, tanh, pow,
///   frexp, ldexp, log10.
/// - luaconf.h: LUA_COMPAT_UNPACK (global `unpack`), LUA_COMPAT_LOADSTRING (`loadstring`, the
///   same function as `load`), LUA_COMPAT_LOADERS (`package.loaders`, the searchers table
///   itself), LUA_NODEMCU_NOCLOADERS (no loadlib, no cpath, no C searchers), LUA_PATH_DEFAULT
///   "?.lc;?.lua"; no LUA_COMPAT_IPAIRS (ipairs ignores __ipairs).
/// - lstrlib.c: the strings' metatable is the string library itself, with `__index` (itself)
///   and `__mod` (str_format2: `"%d %s" % {1, "x"}` or `"%5.1f" % x`).
extension LuaState {
    /// The math functions and constants of NodeMCU's mathlib ROTable (lmathlib.c).
    static let nodeMCUMathFields: [StaticString] = [
        "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "tointeger", "floor", "fmod", "ult", "log",
        "max", "min", "modf", "rad", "random", "randomseed", "sin", "sqrt", "tan", "type",
        "pi", "huge", "maxinteger", "mininteger",
    ]

    /// Libraries of the standard set that the firmware does not open.
    static let librariesNotOnNodeMCU: [StaticString] = ["io", "os", "bit32"]

    /// Turns the standard library of this state into NodeMCU's (before the device modules open:
    /// the LFS searcher goes after the searchers kept here).
    func useNodeMCULibrarySet() throws(LuaError) {
        let loaded = rawGet(registry, Value(try newString("_LOADED")))
        for name in LuaState.librariesNotOnNodeMCU {
            try setField(globals, name, .nil)
            if loaded.isTable { try setField(loaded.table, name, .nil) }
        }
        try keepOnlyNodeMCUMath()
        try addNodeMCUBaseCompatibility()
        try useNodeMCUPackageLibrary()
        try useNodeMCUStringMetatable()
    }

    private func keepOnlyNodeMCUMath() throws(LuaError) {
        let math = try getField(globals, "math")
        guard math.isTable else { return }
        var kept: [Value] = []
        for name in LuaState.nodeMCUMathFields { kept.append(Value(try newString(name))) }
        var extra: [Value] = []
        var key = Value.nil
        while let (k, _) = try math.table.next(after: key, in: self) {
            if !kept.contains(where: { $0.rawEquals(k) }) { extra.append(k) }
            key = k
        }
        for k in extra { try rawSet(math.table, k, .nil) }
    }

    private func addNodeMCUBaseCompatibility() throws(LuaError) {
        try setField(globals, "loadstring", try getField(globals, "load"))
        try register(
            globals,
            [
                // luaB_unpack: table.unpack, looked up at each call, with all the arguments.
                (
                    "unpack",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let table = try L.getIndex(Value(L.globals), Value(try L.newString("table")), operand: .none)
                        let unpack = try L.getIndex(table, Value(try L.newString("unpack")), operand: .none)
                        let fi = L.frameBase
                        try L.insert(unpack, belowTop: L.argumentCount)
                        return try L.callReturningAll(fi)
                    }
                ),
                // lbaselib.c's ipairs without LUA_COMPAT_IPAIRS: no __ipairs.
                (
                    "ipairs",
                    { (L: LuaState) throws(LuaError) -> Int in
                        try L.returnValues(L.ipairsIterator, try L.checkAny(1), Value(Int64(0)))
                    }
                ),
            ])
    }

    private func useNodeMCUPackageLibrary() throws(LuaError) {
        let package = try getField(globals, "package")
        guard package.isTable else { return }
        try setField(package.table, "loadlib", .nil)
        try setField(package.table, "cpath", .nil)
        try setField(package.table, "path", Value(try newString("?.lc;?.lua")))
        let searchers = try getField(package.table, "searchers")
        guard searchers.isTable else { return }
        // searcher_preload and searcher_Lua only: the C searchers are the 3rd and 4th.
        try rawSet(searchers.table, Value(Int64(4)), .nil)
        try rawSet(searchers.table, Value(Int64(3)), .nil)
        try setField(package.table, "loaders", searchers)
    }

    private func useNodeMCUStringMetatable() throws(LuaError) {
        let string = try getField(globals, "string")
        guard string.isTable else { return }
        try setField(string.table, "__index", string)
        let modulo = try newNativeClosure(
            { (L: LuaState) throws(LuaError) -> Int in
                // str_format2: a table's array part are the arguments of string.format.
                let arguments = L.argument(2)
                if arguments.isTable {
                    let t = arguments.table
                    try L.setFrameCount(1)
                    let n = t.length()
                    if n > 0 {
                        try L.ensureStack(Int(n))
                        for i in 1...n { L.push(L.rawGet(t, Value(i))) }
                    }
                }
                let fi = L.frameBase
                try L.insert(L.currentNativeUpvalue(0), belowTop: L.argumentCount)
                return try L.callReturningAll(fi)
            }, upvalues: 1)
        modulo.upvalues[0] = try getField(string.table, "format")
        try setField(string.table, "__mod", Value(modulo))
        setTypeMetatable(.shortString, string.table)
    }
}
