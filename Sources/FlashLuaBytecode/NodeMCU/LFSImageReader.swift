import FlashLuaText

/// A NodeMCU LFS image file (format 11, luac.cross -f), read and fully validated: what the
/// device's node.LFS.reload expands into its flash partition. Nothing in it is used before all
/// of it has been read and every module has passed `Verifier` (with the image's lookup main as
/// their parent, so each module's _ENV is that main's upvalue, as on the chip).
public struct LFSImageFile: Sendable {
    public struct Module: Sendable {
        /// The ROTable key (corename of the source file).
        public var name: [UInt8]
        public var function: FunctionDescription
    }

    /// The number model of the header's sizes (4/4: the ESP8266 default, 8/8: LUA_NUMBER_64BITS).
    public var numbers: NumberModel
    /// The string hash seed the chip's ROstrt is built with (LFSHeader.seed).
    public var seed: UInt32
    /// The build time (the names vector's last constant; LFSHeader.timestamp).
    public var timestamp: Int64
    /// The image's own strings in vector order (the fixed strings are not in the file).
    public var strings: [[UInt8]]
    /// Short and long string counts the chip sizes its ROstrt by, fixed strings included.
    public var shortStringCount: Int
    public var longStringCount: Int
    /// The longest string (the chip's loader buffer: sizelstring(maxlen)).
    public var maximumLength: Int
    public var modules: [Module]

    /// luaU_undumpLFS's reading. Errors read as lundump's ("name: truncated precompiled chunk",
    /// "name: no string vector precompiled chunk", ...) or name the verification failure.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, name: [UInt8]) throws(ChunkLoadError) -> LFSImageFile {
        var r = NodeMCUReader(bytes: bytes, name: BinaryChunk.displayName(name))
        if try r.byte() != NodeMCUFormat.signature[0] { throw r.error("invalid header in") }
        try r.header(format: NodeMCUFormat.imageFormat)
        // G(L)->seed, an unsigned int, dumped as a lua_Integer (negative in the 32-bit model).
        let seedValue = try r.typedInt(try r.byte(), limit: UInt64(Int64.max))
        let seed = UInt32(truncatingIfNeeded: seedValue)
        if !(try r.take(3)).elementsEqual(NodeMCUFormat.stringVectorSignature) { throw r.error("no string vector") }
        let maximumLength = try r.int()
        let shortCount = try r.int()
        let longCount = try r.int()
        let stringCount = try r.count(minimumBytes: 1)
        var strings: [[UInt8]] = []
        var shortSeen = 0
        for _ in 0..<stringCount {
            let type = try r.byte()
            let kind = type & NodeMCUFormat.typeMask
            guard kind == NodeMCUFormat.typeShortString || kind == NodeMCUFormat.typeLongString,
                let s = try r.string(type: type), s.count <= maximumLength,
                (kind == NodeMCUFormat.typeShortString) == (s.count <= NodeMCUFormat.maximumShortLength)
            else { throw r.error("corrupted") }
            if kind == NodeMCUFormat.typeShortString { shortSeen += 1 }
            strings.append(s)
        }
        // The header's counts must be what the strings are, or the chip's ROstrt is mis-sized.
        let fixed = NodeMCUFixedStrings.distinct
        if shortSeen + fixed.count != shortCount || stringCount - shortSeen != longCount
            || Set(strings).count != strings.count
        {
            throw r.error("corrupted")
        }
        if !(try r.take(3)).elementsEqual(NodeMCUFormat.protoVectorSignature) { throw r.error("no Proto vector") }
        // References resolve as on the chip, which stores the fixed strings after the image's.
        r.strings = strings + NodeMCUFixedStrings.storedByChip
        let moduleCount = try r.count(minimumBytes: 1)
        if moduleCount > LFSLimits.maximumModules { throw r.error("corrupted") }
        var functions: [FunctionDescription] = []
        for _ in 0..<moduleCount { functions.append(try r.function(parentSource: nil, depth: 1)) }
        // The names vector: one short string per module, then the timestamp.
        if try r.int() != moduleCount + 1 { throw r.error("corrupted") }
        var modules: [Module] = []
        for f in functions {
            let type = try r.byte()
            guard type & NodeMCUFormat.typeMask == NodeMCUFormat.typeShortString, let moduleName = try r.string(type: type),
                !modules.contains(where: { $0.name == moduleName })
            else { throw r.error("corrupted") }
            modules.append(Module(name: moduleName, function: f))
        }
        let timeType = try r.byte()
        let kind = timeType & NodeMCUFormat.typeMask
        guard kind == NodeMCUFormat.typePositiveInteger || kind == NodeMCUFormat.typeNegativeInteger else {
            throw r.error("corrupted")
        }
        let timestamp = try r.integer(timeType)
        let main = LuacCross.combine(functions, namesAndTimestamp: (modules.map { $0.name }, timestamp))
        try Verifier.verify(main, name: r.name)
        return LFSImageFile(
            numbers: r.numbers, seed: seed, timestamp: timestamp, strings: strings, shortStringCount: shortCount,
            longStringCount: longCount, maximumLength: maximumLength, modules: modules)
    }

    /// The bytes the chip's loader writes into its flash partition for this image (LFSHeader's
    /// flash_size, on the ESP8266's 32-bit layout): what must fit the LFS partition.
    public var expandedFlashSize: Int {
        let main = LuacCross.combine(modules.map { $0.function }, namesAndTimestamp: (modules.map { $0.name }, timestamp))
        return LFSFlashLayout(numbers: numbers, strip: .none).expandedSize(main, strings: LFSStringTable(main))
    }

    /// Whether `bytes` start like a NodeMCU LFS image (signature, version, format 11).
    public static func isImage(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 6 && bytes.prefix(4).elementsEqual(NodeMCUFormat.signature)
            && bytes[4] == NodeMCUFormat.version && bytes[5] == NodeMCUFormat.imageFormat
    }
}
