/// What luac.cross (app/lua53/host/luac.c) does around the dump: module names, file order and
/// the main function that combines several files.
public enum LuacCross {
    static let chunkName: [UInt8] = Array("=(luac.cross)".utf8)

    /// corename's start: the source name without its first byte ('@'), directory and leading
    /// dots ("@lua_modules/ds18b20/ds18b20.lua" -> "ds18b20.lua", as luac.cross's messages show it).
    public static func baseName(source: [UInt8]) -> [UInt8] {
        let name = source.dropFirst()
        let slash = name.lastIndex(of: UInt8(ascii: "/")) ?? name.lastIndex(of: UInt8(ascii: "\\"))
        var s = slash.map { $0 + 1 } ?? name.startIndex
        while s < name.endIndex && name[s] == UInt8(ascii: ".") { s += 1 }
        return Array(name[s...])
    }

    /// corename with its length: the base name up to its first '.' ("ds18b20").
    public static func moduleName(source: [UInt8]) -> [UInt8] {
        let base = baseName(source: source)
        return Array(base[..<(base.firstIndex(of: UInt8(ascii: ".")) ?? base.endIndex)])
    }

    /// combine's error for a second module of the same name.
    static func duplicateError(source: [UInt8]) -> NodeMCUDumpError {
        NodeMCUDumpError("Cannot have duplicate files ('\(String(decoding: baseName(source: source), as: UTF8.self))') in LFS")
    }

    /// reorderfiles: files whose name (after corename's rules, minus the first byte, up to its
    /// end) is exactly "__" go first, for the ROTable's metavalue rule. luac.cross's shift loop
    /// copies the first entry forward instead of moving the list; this does the same, so a list
    /// that luac.cross mangles is mangled identically (and then hits the duplicate-name check).
    public static func reorder(_ files: [[UInt8]]) -> [[UInt8]] {
        var list = files
        for (i, file) in files.enumerated() {
            if baseName(source: file) != Array("__".utf8) {
                list[i] = file
            } else {
                for j in 0..<i { list[j + 1] = list[j] }
                list[0] = file
            }
        }
        return list
    }

    /// combine: type 0 (no names) is luac's plain combination, a main that only holds the
    /// protos (it returns at once); type 1 adds a constant vector of the module names followed by
    /// the build time, as an LFS image's index. One file of type 0 is that file's function.
    /// Each module's first upvalue (_ENV) is marked as not in the stack, as luac.cross does.
    public static func combine(
        _ modules: [FunctionDescription], namesAndTimestamp: (names: [[UInt8]], timestamp: Int64)?
    ) -> FunctionDescription {
        if modules.count == 1 && namesAndTimestamp == nil { return modules[0] }
        // luaL_loadbuffer("\n", "=(luac.cross)"): one RETURN 0 1 on line 1, the _ENV upvalue,
        // its name stripped as every parsed function (strippedAsCompiled).
        var main = FunctionDescription(source: chunkName)
        main.isVararg = true
        main.maxStackSize = 1
        main.code = [.abc(.return, 0, 1, 0)]
        main.lineInfo = [1]
        main.upvalues = [UpvalueDescription(name: nil, inStack: true, index: 0)]
        main.protos = modules.map { module in
            var m = module
            if !m.upvalues.isEmpty { m.upvalues[0].inStack = false }
            return m
        }
        if let (names, timestamp) = namesAndTimestamp {
            main.constants = names.map { .string($0) } + [.integer(timestamp)]
        }
        main.packedLineInfo = PackedLineInfo.pack(main.lineInfo)
        return main
    }

    /// NodeMCU's compiler strips every function it parses to G(L)->stripdefault =
    /// LUAI_OPTIMIZE_DEBUG, 1 in app/include/user_config.h (lparser.c compile_stripdebug,
    /// ldump.c stripdebug level 1): no upvalue names, no local variables; lines and source stay.
    public static func strippedAsCompiled(_ f: FunctionDescription) -> FunctionDescription {
        var f = f
        for i in f.upvalues.indices { f.upvalues[i].name = nil }
        f.localVariables = []
        f.protos = f.protos.map { strippedAsCompiled($0) }
        return f
    }

    /// The module names of an LFS image, checked for duplicates as combine does.
    public static func moduleNames(_ modules: [FunctionDescription]) throws(NodeMCUDumpError) -> [[UInt8]] {
        var names: [[UInt8]] = []
        for m in modules {
            let name = moduleName(source: m.source ?? [])
            if names.contains(name) { throw duplicateError(source: m.source ?? []) }
            names.append(name)
        }
        return names
    }
}
