import FlashLuaBytecode
import FlashLuaCompiler
import FlashLuaCore

/// The Lua side of the Lua Flash Store, as NodeMCU offers it: `node.LFS` (list, get, reload,
/// config, time, and module lookup by indexing), the older `node.flashindex`/`node.flashreload`,
/// a `package.searchers` entry for LFS modules, and `debug.getstrings`. FlashLua adds
/// `node.LFS.resource(name)` (a resource embedded with `flashluac --resource`, as a ROM string).
extension LuaState {
    /// Opens the NodeMCU LFS interface. `lfsFirst` puts the LFS searcher before the file searcher
    /// (NodeMCU's `_init` puts it after, so a file in the file system wins).
    /// Without `services`, the ones set before (`lfsServices`) serve.
    public func openFlashStoreLibrary(_ services: LFSServices? = nil, lfsFirst: Bool = false) throws(LuaError) {
        if let services { lfsServices = services }
        blockCollector()
        defer { unblockCollector() }
        let node = try globalTable("node")

        // node.LFS: an empty proxy whose __index answers the API names, then module names.
        let lfs = try newTable()
        let meta = try newTable()
        let api = try newTable()
        try register(
            api,
            [
                ("list", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(try L.lfsModuleList())) }),
                ("get", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(try L.lfsModule(try L.checkString(1))) }),
                ("reload", { (L: LuaState) throws(LuaError) -> Int in try L.lfsReload() }),
                (
                    "resource",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkString(1)
                        return L.returnValue(L.flashImage?.resource(name.buffer).map { Value($0) } ?? .nil)
                    }
                ),
            ])
        let index = try newNativeClosure(
            { (L: LuaState) throws(LuaError) -> Int in
                let key = L.argument(2)
                guard key.isString else { return L.returnValue(.nil) }
                let api = L.currentNativeUpvalue(0).table
                let fixed = L.rawGet(api, key)
                if !fixed.isNil { return L.returnValue(fixed) }
                // Byte comparisons, no Swift String per lookup: this is every node.LFS.mod access.
                let name = key.string
                if name.equals("config") { return L.returnValue(Value(try L.lfsConfig())) }
                if name.equals("time") { return L.returnValue(Value(L.flashImage?.buildTime ?? 0)) }
                return L.returnValue(try L.lfsModule(name))
            }, upvalues: 1)
        index.upvalues[0] = Value(api)
        try setField(meta, "__index", Value(index))
        try register(
            meta, [("__newindex", { (L: LuaState) throws(LuaError) -> Int in throw L.nativeError("node.LFS is read-only") })])
        // getmetatable(node.LFS) is false and setmetatable refuses to replace it.
        try setField(meta, "__metatable", .false)
        lfs.metatable = meta
        try setField(node, "LFS", Value(lfs))

        try register(
            node,
            [
                ("flashindex", { (L: LuaState) throws(LuaError) -> Int in try L.flashIndex() }),
                ("flashreload", { (L: LuaState) throws(LuaError) -> Int in try L.lfsReload() }),
            ])

        // The LFS searcher, after the file searcher unless asked otherwise.
        let package = try getField(globals, "package")
        if package.isTable {
            let searchers = try getField(package.table, "searchers")
            if searchers.isTable {
                let searcher = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.searchFlashStore() })
                let list = searchers.table
                let position: Int64 = lfsFirst ? 1 : 3
                var i = list.length() + 1
                while i > position {
                    try rawSet(list, Value(i), rawGet(list, Value(i - 1)))
                    i -= 1
                }
                try rawSet(list, Value(position), Value(searcher))
            }
        }

        let debug = try getField(globals, "debug")
        if debug.isTable {
            try register(debug.table, [("getstrings", { (L: LuaState) throws(LuaError) -> Int in try L.getStrings() })])
        }
    }

    /// A new closure on an image module's prototype with `_ENV` as its upvalue (as `load`
    /// makes): the only heap bytes a call to an LFS module costs.
    func lfsModule(_ name: LuaString) throws(LuaError) -> Value {
        guard let image = flashImage, let proto = image.module(name.buffer) else { return .nil }
        // Room first, while a collection may still run (the image prototype needs no protection
        // from one): newMainClosure blocks the collector, and a heap full of garbage would
        // otherwise fail with "not enough memory".
        try reserve(heapModel.bytes(.luaClosure(upvalues: proto.upvalueCount)) + proto.upvalueCount * heapModel.bytes(.upvalue))
        return Value(try newMainClosure(proto, env: Value(globals)))
    }

    func lfsModuleList() throws(LuaError) -> LuaTable {
        let count = flashImage?.moduleCount ?? 0
        let list = try newTable(arraySize: count)
        if let image = flashImage {
            for i in 0..<count { try rawSet(list, Value(Int64(i + 1)), Value(image.entry(i).nameObject)) }
        }
        return list
    }

    func lfsConfig() throws(LuaError) -> LuaTable {
        let t = try newTable(hashSize: 4)
        let mapped = flashImage.map { Int64(Int(bitPattern: $0.base)) } ?? 0
        try setField(t, "mapped", Value(mapped))
        try setField(t, "base", Value(Int64(lfsServices.partitionBase)))
        try setField(t, "size", Value(Int64(lfsServices.partitionSize)))
        try setField(t, "used", Value(Int64(flashImage?.size ?? 0)))
        return t
    }

    /// node.flashindex(name): the module, or NodeMCU's info list (time, mapped base, flash
    /// base, size used, module names; nil first when there is no image).
    private func flashIndex() throws(LuaError) -> Int {
        if argument(1).isString, let image = flashImage, image.module(argument(1).string.buffer) != nil {
            return returnValue(try lfsModule(argument(1).string))
        }
        let mapped = Value(flashImage.map { Int64(Int(bitPattern: $0.base)) } ?? 0)
        let base = Value(Int64(lfsServices.partitionBase))
        guard let image = flashImage else {
            return try returnValues(.nil, mapped, base, Value(Int64(lfsServices.partitionSize)))
        }
        return try returnValues(Value(image.buildTime), base, mapped, Value(Int64(image.size)), Value(try lfsModuleList()))
    }

    /// package.searchers entry: an LFS module by name.
    private func searchFlashStore() throws(LuaError) -> Int {
        let name = try checkString(1)
        let module = try lfsModule(name)
        if module.isNil { return returnValue(Value(try newString("\n\tno module '\(name.swiftString)' in LFS"))) }
        return try returnValues(module, Value(try newString(":lfs:")))
    }

    /// debug.getstrings('RAM'|'ROM'): the strings of one string table, sorted.
    private func getStrings() throws(LuaError) -> Int {
        let which = try optionalString(1)?.swiftString ?? "RAM"
        var found: [LuaString] = []
        let list: LuaTable
        switch which {
        case "RAM":
            // The table first: making it may run an emergency collection, which frees the
            // unreached strings (the list must hold only live ones).
            list = try newTable(arraySize: strings.count)
            strings.forEach { found.append($0) }
        case "ROM":
            guard let image = flashImage else { return returnValue(.nil) }
            try image.forEachShortString { (s: LuaString) throws(LuaError) in found.append(s) }
            list = try newTable(arraySize: found.count)
        default: throw argumentError(1, "'RAM' or 'ROM' expected")
        }
        found.sort { LuaString.compare($0, $1) < 0 }
        for (i, s) in found.enumerated() { try rawSet(list, Value(Int64(i + 1)), Value(s)) }
        return returnValue(Value(list))
    }

    // MARK: Reload

    /// node.LFS.reload(image | {files...} | folder): checks everything before the flash is
    /// touched; returns an error message naming the file and the problem, or (on success)
    /// restarts the runtime into the new image and does not return.
    private func lfsReload() throws(LuaError) -> Int {
        let source = argument(1)
        let image: [UInt8]
        let what: String
        switch source.tag {
        case .table:
            var files: [String] = []
            var i: Int64 = 1
            while case let v = rawGet(source.table, Value(i)), !v.isNil {
                guard v.isString else { throw argumentError(1, "list of file names expected") }
                files.append(v.string.swiftString)
                i += 1
            }
            what = "module list"
            switch buildFlashImage(files: files) {
            case .success(let bytes): image = bytes
            case .failure(let message): return returnValue(Value(try newString(message)))
            }
        case .shortString, .longString:
            let name = source.string.swiftString
            what = name
            if let listed = host.listDirectory(name) {
                let files = listed.filter { $0.hasSuffix(".lua") || $0.hasSuffix(".lc") }.sorted().map { name + "/" + $0 }
                switch buildFlashImage(files: files) {
                case .success(let bytes): image = bytes
                case .failure(let message): return returnValue(Value(try newString(message)))
                }
            } else {
                switch host.readFile(name) {
                case .bytes(let bytes):
                    // A .lua or .lc file is built into an image here, and so is NodeMCU's own image
                    // (luac.cross -f): expanded into this runtime's layout as the chip expands it
                    // into its flash. Anything else must be a FlashLua image.
                    if bytes.withUnsafeBufferPointer({ LFSImageFile.isImage($0) }) {
                        switch buildFlashImage(nodeMCUImage: bytes, name: name) {
                        case .success(let built): image = built
                        case .failure(let message): return returnValue(Value(try newString(message)))
                        }
                    } else if (name.hasSuffix(".lua") || name.hasSuffix(".lc")) && !bytes.starts(with: ImageFormat.magic) {
                        switch buildFlashImage(files: [name]) {
                        case .success(let built): image = built
                        case .failure(let message): return returnValue(Value(try newString(message)))
                        }
                    } else {
                        image = bytes
                    }
                case .failure(let why), .unreadable(let why):
                    return returnValue(Value(try newString("\(name): cannot read LFS image (\(why))")))
                }
            }
        default:
            throw argumentTypeError(1, expected: "string or table")
        }
        if let problem = checkImage(image) { return returnValue(Value(try newString("\(what): \(problem)"))) }
        guard let install = lfsServices.install else {
            return returnValue(Value(try newString("\(what): no flash to reload into (run with --flash FILE or --device DIR)")))
        }
        if let problem = install(image) { return returnValue(Value(try newString("\(what): \(problem)"))) }
        throw LuaError(.restart, .nil)
    }

    /// Full verification of image bytes (FlashImage.check); the problem, or nil.
    private func checkImage(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw -> String? in
            do throws(ImageError) {
                try FlashImage.check(raw)
                return nil
            } catch {
                return error.message
            }
        }
    }

    enum ImageBuildResult {
        case success([UInt8])
        case failure(String)
    }

    /// Builds an image from a NodeMCU LFS image file (format 11): every string, prototype and
    /// module name is read and verified first, the constants must be exact in this state's
    /// number model, and the modules keep their names and the image's build time.
    func buildFlashImage(nodeMCUImage bytes: [UInt8], name: String) -> ImageBuildResult {
        let file: LFSImageFile
        do {
            file = try bytes.withUnsafeBufferPointer { (b) throws(ChunkLoadError) in
                try LFSImageFile.read(b, name: Array(("@" + name).utf8))
            }
        } catch {
            return .failure(String(decoding: error.message, as: UTF8.self))
        }
        var builder = ImageBuilder()
        builder.buildTime = file.timestamp
        for module in file.modules {
            let function: FunctionDescription
            do {
                function = try fitConstantsToNumbers(module.function, chunkName: Array(("@" + name).utf8))
            } catch {
                return .failure(loadFailure(error, name))
            }
            do {
                try builder.addModule(name: module.name, function)
            } catch {
                return .failure(error.message)
            }
        }
        return built(builder)
    }

    /// Builds an image on the device from source or compiled files (module name = base name).
    func buildFlashImage(files: [String]) -> ImageBuildResult {
        if files.isEmpty { return .failure("no .lua or .lc files to build an image from") }
        var builder = ImageBuilder()
        builder.buildTime = host.time()
        for file in files {
            guard case .bytes(let bytes) = host.readFile(file) else { return .failure("\(file): cannot read") }
            let function: FunctionDescription
            do {
                function = try describeFile(bytes, chunkName: Array(("@" + file).utf8))
            } catch {
                return .failure(loadFailure(error, file))
            }
            do {
                try builder.addModule(file: file, function)
            } catch {
                return .failure(error.message)
            }
        }
        return built(builder)
    }

    /// The image bytes, or the layout's problem.
    private func built(_ builder: ImageBuilder) -> ImageBuildResult {
        do {
            return .success(try builder.build())
        } catch {
            return .failure(error.message)
        }
    }

    /// A load error's message (a syntax or number error names the file itself).
    private func loadFailure(_ error: LuaError, _ file: String) -> String {
        error.value.isString ? error.value.string.swiftString : "\(file): not enough memory"
    }
}
