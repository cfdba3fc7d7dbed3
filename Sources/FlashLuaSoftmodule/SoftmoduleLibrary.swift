import FlashLuaBytecode
import FlashLuaCompiler
import FlashLuaCore
import FlashLuaStandardLibrary

/// `require "softmodule"`: module functions whose code stays in `.lc` files until called
/// (Leo-C's Softmodule API, done in the runtime). Injecting a function does not replace it: its
/// closure keeps its identity and upvalues and only trades its prototype for a small stub
/// (Objects/SoftFunction.swift, VM/SoftCalls.swift), so callers, aliases, recursion, methods,
/// yields, errors and every return value behave as before.
extension LuaState {
    /// Puts the module in package.preload (plain `flashlua` and the device alike); the package
    /// library must be open.
    package func preloadSoftmodule() throws(LuaError) {
        let preload = try getField(registry, "_PRELOAD")
        guard preload.isTable else { return }
        let loader = try newNativeClosure { (L: LuaState) throws(LuaError) -> Int in try L.openSoftmodule() }
        try setField(preload.table, "softmodule", Value(loader))
    }

    private func openSoftmodule() throws(LuaError) -> Int {
        let m = try newTable(hashSize: 8)
        try register(
            m,
            [
                ("dumpfunction", { (L: LuaState) throws(LuaError) -> Int in try L.dumpFunction() }),
                ("injectFlushedCall", { (L: LuaState) throws(LuaError) -> Int in try L.injectCall(.flushed) }),
                ("injectCachedCall", { (L: LuaState) throws(LuaError) -> Int in try L.injectCall(.cached) }),
                ("getModuleFunctions", { (L: LuaState) throws(LuaError) -> Int in try L.moduleFunctions() }),
                ("unloadModule", { (L: LuaState) throws(LuaError) -> Int in try L.unloadModule() }),
                ("status", { (L: LuaState) throws(LuaError) -> Int in try L.softStatus() }),
            ])
        return returnValue(Value(m))
    }

    // MARK: dumpfunction

    /// dumpfunction(modulename, funcname): writes the function, compiled, to
    /// `<module file without extension>.<funcname>.lc` and returns that path.
    private func dumpFunction() throws(LuaError) -> Int {
        let module = try checkString(1).swiftString
        let name = try checkString(2).swiftString
        return returnValue(Value(try newString(try writeSoftCode(module: module, name: name))))
    }

    /// The loaded function if the module is loaded (exactly the code that runs), otherwise the
    /// function the module file's main chunk stores under `name` (found in its bytecode).
    private func writeSoftCode(module: String, name: String) throws(LuaError) -> String {
        let file = try moduleFile(module)
        let path = softCodePath(base: moduleBase(file), name: name)
        let description: FunctionDescription
        if let m = loadedModule(module) {
            let p = try splittableFunction(m, module: module, name: name).proto
            description = p.softFlags & SoftFlags.stub != 0 ? try softDescription(p) : p.functionDescription()
        } else {
            description = try describeFunction(name, module: module, file: file)
        }
        try writeCode(BinaryChunk.dump(description, strip: false), to: path)
        return path
    }

    private func writeCode(_ bytes: [UInt8], to path: String) throws(LuaError) {
        if let reason = host.writeFile(path, bytes) { throw nativeError("softmodule: cannot write '\(path)': \(reason)") }
    }

    /// Compiles (or undumps) the module file and finds the function its main chunk stores.
    private func describeFunction(_ name: String, module: String, file: String) throws(LuaError) -> FunctionDescription {
        let bytes: [UInt8]
        switch host.readFile(file) {
        case .bytes(let b): bytes = b
        case .failure(let reason), .unreadable(let reason): throw nativeError("softmodule: cannot read '\(file)': \(reason)")
        }
        let main = try describeFile(bytes, chunkName: Array(("@" + file).utf8))
        let index: Int
        do {
            index = try ModuleFunctionFinder.find(field: Array(name.utf8), moduleName: Array(module.utf8), in: main)
        } catch {
            switch error {
            case .notFound: throw nativeError("softmodule: function '\(name)' not found in '\(file)'")
            case .notAFunction:
                throw nativeError(
                    "softmodule: \(module).\(name) cannot be split out: '\(file)' does not define it as a function of its own")
            case .ambiguous:
                throw nativeError(
                    "softmodule: \(module).\(name) cannot be split out: '\(file)' stores more than one function under that name")
            }
        }
        var f = main.protos[index]
        if f.source == nil { f.source = main.source }
        return f
    }

    // MARK: injectFlushedCall / injectCachedCall

    /// inject*Call(modulename, funcname [, gencode]): from now on the function's code is read from
    /// its `.lc` file when called; flushed drops it when the call ends, cached keeps it.
    private func injectCall(_ mode: SoftMode) throws(LuaError) -> Int {
        let module = try checkString(1).swiftString
        let name = try checkString(2).swiftString
        let generate = !argument(3).isFalsy
        let closure = try splittableFunction(try requireModule(module), module: module, name: name)
        let p = closure.proto
        if p.softFlags & SoftFlags.stub != 0 {
            p.softMode = mode  // already injected: only the mode can change
            return 0
        }
        if p.softFlags & SoftFlags.flushed != 0 || isRunning(closure) {
            throw nativeError("softmodule: \(module).\(name) is running; inject it before calling it")
        }
        // The function as loaded, which the file must hold byte for byte.
        let code = BinaryChunk.dump(p.functionDescription(), strip: false)
        let base = moduleBase(try moduleFile(module))
        let path = softCodePath(base: base, name: name)
        if generate {
            try writeCode(code, to: path)
        } else {
            switch host.readFile(path) {
            case .bytes(let bytes):
                guard bytes == code else {
                    throw nativeError(
                        "softmodule: '\(path)' is not \(module).\(name) as loaded (was the module changed?); pass gencode = true to write it again"
                    )
                }
            case .failure(let reason), .unreadable(let reason):
                throw nativeError("softmodule: cannot read '\(path)': \(reason) (dumpfunction writes it; or pass gencode = true)")
            }
        }
        let stub = try newStub(for: p, base: base, name: name, checksum: code.withUnsafeBytes { crc32($0) }, mode: mode)
        closure.setProto(stub)
        return 0
    }

    /// A stub standing for prototype p: what debug.getinfo and the call setup read, nothing more.
    private func newStub(for p: Proto, base: String, name: String, checksum: UInt32, mode: SoftMode) throws(LuaError) -> Proto {
        var d = FunctionDescription(source: nil)
        d.lineDefined = Int32(p.lineDefined)
        d.lastLineDefined = Int32(p.lastLineDefined)
        d.numParams = UInt8(p.numParams)
        d.isVararg = p.isVararg
        d.maxStackSize = UInt8(p.maxStackSize)
        // No code, constants or upvalue descriptors: the closure knows its upvalues, and
        // debug.getupvalue reads their names from the file.
        d.code = []
        // The function's own source string, shared rather than copied.
        let source = p.source.map { (bytes: $0.array, string: $0) }
        d.source = source?.bytes
        makeRoom(
            heapSize(ofPrototypes: d, source: d.source) + Proto.trailerSize(softFlags: SoftFlags.stub)
                + heapModel.bytes(.string(length: base.utf8.count)) + heapModel.bytes(.string(length: name.utf8.count)))
        blockCollector()
        defer { unblockCollector() }
        let baseString = try newString(base)
        let nameString = try newString(name)
        let stub = try newProto(d, source: source, softFlags: SoftFlags.stub)
        stub.moduleBase = baseString
        stub.functionName = nameString
        stub.codeChecksum = checksum
        stub.softMode = mode
        return stub
    }

    /// Is a frame of any thread running this closure (its prototype must not move then)?
    private func isRunning(_ closure: LuaClosure) -> Bool {
        func runs(_ t: LuaThread) -> Bool {
            var found = false
            forEachLuaFrame(t, above: 0) { frameClosure in
                found = frameClosure == closure
                return !found
            }
            return found
        }
        var running = false
        forEachThread { t in
            running = runs(t)
            return !running
        }
        return running
    }

    // MARK: getModuleFunctions / unloadModule / status

    /// getModuleFunctions(modl): the names (sorted) of modl's Lua functions not yet injected.
    private func moduleFunctions() throws(LuaError) -> Int {
        let m = try checkTable(1)
        var names: [LuaString] = []
        var key = Value.nil
        while let (k, v) = try m.next(after: key, in: self) {
            key = k
            if k.isString && v.tag == .luaFunction {
                let p = v.luaClosure.proto
                if !p.isReadOnly && p.softFlags == 0 { names.append(k.string) }
            }
        }
        names.sort { LuaString.compare($0, $1) < 0 }
        let list = try newTable(arraySize: names.count)
        for (i, s) in names.enumerated() { try rawSet(list, Value(Int64(i + 1)), Value(s)) }
        return returnValue(Value(list))
    }

    /// unloadModule(modulename): empties the module table (its functions, variables, constants),
    /// removes it from package.loaded and from the global of the same name. True if it was loaded.
    private func unloadModule() throws(LuaError) -> Int {
        let name = try checkString(1)
        let loaded = try loadedTable()
        let entry = rawGet(loaded, Value(name))
        guard !entry.isNil else { return returnValue(.false) }
        // Emptying a library's table would break the runtime itself (string methods, require).
        let libraries = ["_G", "package", "coroutine", "table", "io", "os", "string", "math", "utf8", "debug", "softmodule"]
        if libraries.contains(name.swiftString) || (entry.isTable && entry.table == globals) {
            throw nativeError("softmodule: '\(name.swiftString)' is a library of the runtime, not a module to unload")
        }
        if entry.isTable {
            let m = entry.table
            var keys: [Value] = []
            var key = Value.nil
            while let (k, _) = try m.next(after: key, in: self) {
                keys.append(k)
                key = k
            }
            for k in keys { try rawSet(m, k, .nil) }
            m.metatable = nil
            if rawGet(globals, Value(name)).rawEquals(entry) { try rawSet(globals, Value(name), .nil) }
        }
        try rawSet(loaded, Value(name), .nil)
        return returnValue(.true)
    }

    /// status(modulename, funcname): "plain", "flushed" or "cached", and whether its code is in
    /// RAM now (always for plain functions).
    private func softStatus() throws(LuaError) -> Int {
        let module = try checkString(1).swiftString
        let name = try checkString(2).swiftString
        guard let m = loadedModule(module) else { throw nativeError("softmodule: module '\(module)' is not loaded") }
        let p = try moduleFunction(m, module: module, name: name).proto
        let flags = p.softFlags
        let mode =
            flags & SoftFlags.stub != 0
            ? (p.softMode == .flushed ? "flushed" : "cached")
            : flags & SoftFlags.flushed != 0 ? "flushed" : flags & SoftFlags.cached != 0 ? "cached" : "plain"
        return try returnValues(Value(try newString(mode)), Value(flags & SoftFlags.stub == 0))
    }

    // MARK: Modules and files

    private func loadedTable() throws(LuaError) -> LuaTable {
        let loaded = try getField(registry, "_LOADED")
        guard loaded.isTable else { throw nativeError("softmodule: package.loaded is missing") }
        return loaded.table
    }

    private func loadedModule(_ module: String) -> LuaTable? {
        guard let loaded = try? loadedTable(), let key = try? newString(module) else { return nil }
        let m = rawGet(loaded, Value(key))
        return m.isTable ? m.table : nil
    }

    /// The loaded module table, requiring the module first if needed.
    private func requireModule(_ module: String) throws(LuaError) -> LuaTable {
        if let m = loadedModule(module) { return m }
        let result = try callValue(rawGet(globals, Value(try newString("require"))), Value(try newString(module)), .nil)
        guard result.isTable else { throw nativeError("softmodule: module '\(module)' is not a table") }
        return result.table
    }

    /// A module's Lua function whose code is in RAM (not in the flash store), to split out.
    private func splittableFunction(_ m: LuaTable, module: String, name: String) throws(LuaError) -> LuaClosure {
        let closure = try moduleFunction(m, module: module, name: name)
        if closure.proto.isReadOnly {
            throw nativeError("softmodule: \(module).\(name) runs from the flash store; its code takes no RAM")
        }
        return closure
    }

    private func moduleFunction(_ m: LuaTable, module: String, name: String) throws(LuaError) -> LuaClosure {
        let v = rawGet(m, Value(try newString(name)))
        if v.tag == .luaFunction { return v.luaClosure }
        if v.isNil { throw nativeError("softmodule: function '\(name)' not found in module '\(module)'") }
        if v.tag == .nativeFunction {
            throw nativeError("softmodule: \(module).\(name) is a native function; only Lua code can be split out")
        }
        throw nativeError("softmodule: \(module).\(name) is not a function (a \(v.typeName.text))")
    }

    /// The module's file as `require` finds it (package.path).
    private func moduleFile(_ module: String) throws(LuaError) -> String {
        let package = rawGet(try loadedTable(), Value(try newString("package")))
        let path = package.isTable ? rawGet(package.table, Value(try newString("path"))) : .nil
        guard path.isString else { throw nativeError("softmodule: 'package.path' must be a string") }
        switch searchPath(module, path.string.swiftString, separator: ".", replacement: "/") {
        case .found(let file): return file
        case .notFound(let message): throw nativeError("softmodule: module '\(module)' not found:\(message)")
        }
    }

    /// `dir/mod.lua` (or `.lc`) gives `dir/mod`, to which a function's `.lc` name is appended.
    private func moduleBase(_ file: String) -> String {
        if file.hasSuffix(".lua") { return String(file.dropLast(4)) }
        if file.hasSuffix(".lc") { return String(file.dropLast(3)) }
        return file
    }
}
