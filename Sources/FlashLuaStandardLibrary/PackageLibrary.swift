import FlashLuaCore
/// require and the package library (loadlib.c): preload, Lua file searcher with package.path,
/// and the C searchers' "no file" reports (FlashLua loads no C libraries).
extension LuaState {
    /// Debian's lua5.3 defaults (its luaconf.h adds /usr/share/lua/5.3 and the multiarch
    /// /usr/lib/x86_64-linux-gnu/lua/5.3 and /usr/lib/lua/5.3 folders), so that plain
    /// `flashlua` searches where lua5.3 does.
    static let defaultPath =
        "/usr/local/share/lua/5.3/?.lua;/usr/local/share/lua/5.3/?/init.lua;/usr/local/lib/lua/5.3/?.lua;/usr/local/lib/lua/5.3/?/init.lua;/usr/share/lua/5.3/?.lua;/usr/share/lua/5.3/?/init.lua;./?.lua;./?/init.lua"
    static let defaultCPath =
        "/usr/local/lib/lua/5.3/?.so;/usr/lib/x86_64-linux-gnu/lua/5.3/?.so;/usr/lib/lua/5.3/?.so;/usr/local/lib/lua/5.3/loadall.so;./?.so"

    func openPackageLibrary() throws(LuaError) {
        let package = try newTable()
        try setLoaded("_G", Value(globals))
        let loaded = rawGet(registry, Value(try newString("_LOADED")))
        try setField(package, "loaded", loaded)
        // package.preload is also the registry's _PRELOAD, which the preload searcher reads.
        let preload = Value(try newTable())
        try setField(registry, "_PRELOAD", preload)
        try setField(package, "preload", preload)
        let path = host.environment("LUA_PATH_5_3") ?? host.environment("LUA_PATH")
        try setField(package, "path", Value(try newString(expandDefault(path, LuaState.defaultPath))))
        let cpath = host.environment("LUA_CPATH_5_3") ?? host.environment("LUA_CPATH")
        try setField(package, "cpath", Value(try newString(expandDefault(cpath, LuaState.defaultCPath))))
        try setField(package, "config", Value(try newString("/\n;\n?\n!\n-\n")))
        let searchers = try newTable()
        for i in 1...4 {
            let c = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.search(kind: i) }, upvalues: 1)
            c.upvalues[0] = Value(package)
            try rawSet(searchers, Value(Int64(i)), Value(c))
        }
        try setField(package, "searchers", Value(searchers))
        try register(
            package,
            [
                (
                    "searchpath",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkString(1).swiftString
                        let path = try L.checkString(2).swiftString
                        let sep = try L.optionalString(3)?.swiftString ?? "."
                        let rep = try L.optionalString(4)?.swiftString ?? "/"
                        switch L.searchPath(name, path, separator: sep, replacement: rep) {
                        case .found(let file): return try L.returnValues(Value(try L.newString(file)))
                        case .notFound(let message): return try L.returnValues(.nil, Value(try L.newString(message)))
                        }
                    }
                ),
                // FlashLua loads no native libraries: answer as lua5.3 built without dlopen does.
                (
                    "loadlib",
                    { (L: LuaState) throws(LuaError) -> Int in
                        _ = try L.checkString(1)
                        _ = try L.checkString(2)
                        return try L.returnValues(
                            .nil, Value(try L.newString("dynamic libraries not enabled; check your Lua installation")),
                            Value(try L.newString("absent")))
                    }
                ),
            ])
        try setField(globals, "package", Value(package))
        try setLoaded("package", Value(package))
        let require = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.require() }, upvalues: 1)
        require.upvalues[0] = Value(package)
        try setField(globals, "require", Value(require))
    }

    private func expandDefault(_ value: String?, _ def: String) -> String {
        guard let value else { return def }
        // Each ";;" stands for the default path (luaL_gsub in setpath).
        return value.replacingAll(";;", with: ";" + def + ";")
    }

    package enum SearchResult {
        case found(String)
        case notFound(String)
    }

    package func searchPath(_ name: String, _ path: String, separator: String, replacement: String) -> SearchResult {
        var name = name
        if !separator.isEmpty { name = name.replacingAll(separator, with: replacement) }
        var message = ""
        for template in path.split(separator: ";", omittingEmptySubsequences: true) {
            let file = String(template).replacingAll("?", with: name)
            if let canOpen = host.canOpenFile {
                if canOpen(file) { return .found(file) }
            } else {
                switch host.readFile(file) {
                case .bytes, .unreadable: return .found(file)  // readable: fopen succeeded
                case .failure: break
                }
            }
            message += "\n\tno file '\(file)'"
        }
        return .notFound(message)
    }

    func search(kind: Int) throws(LuaError) -> Int {
        switch kind {
        case 1: return try searchPreload()
        case 2: return try searchLuaFile()
        default: return try searchCLibrary(root: kind == 4)
        }
    }

    private func searchPreload() throws(LuaError) -> Int {
        let name = try checkString(1)
        let preload = try getField(registry, "_PRELOAD")
        let v = try getIndex(preload, Value(name), operand: .none)
        if v.isNil { return try returnValues(Value(try newString("\n\tno field package.preload['\(name.swiftString)']"))) }
        return try returnValues(v)
    }

    private func searchLuaFile() throws(LuaError) -> Int {
        let name = try checkString(1).swiftString
        let package = currentNativeUpvalue(0).table
        let path = try getField(package, "path")
        guard path.isString else { throw nativeError("'package.path' must be a string") }
        switch searchPath(name, path.string.swiftString, separator: ".", replacement: "/") {
        case .notFound(let message): return try returnValues(Value(try newString(message)))
        case .found(let file):
            do {
                let f = try loadFile(file, mode: Array("bt".utf8), env: nil)
                return try returnValues(Value(f), Value(try newString(file)))
            } catch {
                if error.kind == .memory { throw error }
                var msg = "error loading module '\(name)' from file '\(file)':\n\t"
                if error.value.isString { msg += error.value.string.swiftString }
                throw nativeError(msg)
            }
        }
    }

    private func searchCLibrary(root: Bool) throws(LuaError) -> Int {
        var name = try checkString(1).swiftString
        let package = currentNativeUpvalue(0).table
        let cpath = try getField(package, "cpath")
        guard cpath.isString else { throw nativeError("'package.cpath' must be a string") }
        if root {
            guard let dot = name.firstIndex(of: ".") else { return 0 }
            name = String(name[..<dot])
        }
        switch searchPath(name, cpath.string.swiftString, separator: ".", replacement: "/") {
        case .notFound(let message): return try returnValues(Value(try newString(message)))
        case .found(let file):
            throw nativeError(
                "error loading module '\(name)' from file '\(file)':\n\tdynamic libraries not enabled; check your Lua installation")
        }
    }

    private func require() throws(LuaError) -> Int {
        let name = try checkString(1)
        let loadedTable = rawGet(registry, Value(try newString("_LOADED"))).table
        let existing = rawGet(loadedTable, Value(name))
        if !existing.isFalsy { return try returnValues(existing) }
        let package = currentNativeUpvalue(0).table
        let searchers = try getField(package, "searchers")
        guard searchers.isTable else { throw nativeError("'package.searchers' must be a table") }
        var message = ""
        var i: Int64 = 1
        while true {
            let searcher = rawGet(searchers.table, Value(i))
            if searcher.isNil {
                throw nativeError("module '\(name.swiftString)' not found:\(message)")
            }
            let fi = stackTop
            push(searcher)
            push(Value(name))
            try call(fi, wanted: 2)
            let loader = stackValue(fi)
            let extra = stackValue(fi + 1)
            stackTop = fi
            if loader.isFunction {
                let fi2 = stackTop
                push(loader)
                push(Value(name))
                push(extra)
                try call(fi2, wanted: 1)
                // The result stays on the stack (a root) until package.loaded holds it: storing it
                // may grow the table, and an emergency collection there must not free it.
                let result = stackValue(fi2)
                if !result.isNil { try rawSet(loadedTable, Value(name), result) }
                if rawGet(loadedTable, Value(name)).isNil { try rawSet(loadedTable, Value(name), .true) }
                stackTop = fi2
                return try returnValues(rawGet(loadedTable, Value(name)))
            } else if loader.isString {
                message += loader.string.swiftString
            }
            i += 1
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced (byte-wise; no String-processing library, so it
    /// builds with Embedded Swift).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8)
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + pattern.count <= bytes.count && bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                result.append(contentsOf: replacement.utf8)
                i += pattern.count
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
