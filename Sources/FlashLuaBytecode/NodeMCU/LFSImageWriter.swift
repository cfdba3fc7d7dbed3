import FlashLuaText

/// NodeMCU LFS image files (format 11), as luac.cross -f writes them (ldump.c
/// luaU_DumpAllProtos over combine's type-1 main): header, seed, the string vector, then the
/// module protos with strings as references and the names vector ending with the build time.
public struct LFSImageWriter {
    public let numbers: NumberModel
    public let strip: NodeMCUStrip

    public init(numbers: NumberModel, strip: NodeMCUStrip) {
        self.numbers = numbers
        self.strip = strip
    }

    /// The image of `main` (LuacCross.combine with names and timestamp), after every check of
    /// `limits` against the chip's expansion of it (nothing is returned unless all pass).
    /// `seed` defaults to a hash of the image's strings and time: reproducible, and like
    /// luac.cross's random seed any 32-bit value.
    public func write(
        _ main: FunctionDescription, limits: LFSLimits, maxImageSize: Int, seed: UInt32? = nil
    ) throws(NodeMCUDumpError) -> [UInt8] {
        let names = main.constants.dropLast().map { k -> [UInt8] in
            if case .string(let s) = k { return s }
            return []
        }
        try checkModules(main, names: names)
        let table = LFSStringTable(main)
        try LFSFlashLayout(numbers: numbers, strip: strip).check(
            main, strings: table, names: names, limits: limits, maxImageSize: maxImageSize)

        var w = NodeMCUWriter(numbers: numbers, strip: strip)
        w.header(format: NodeMCUFormat.imageFormat)
        var timestamp: Int64 = 0
        if case .integer(let t)? = main.constants.last { timestamp = t }
        let seedValue = seed ?? table.defaultSeed(timestamp: timestamp)
        // G(L)->seed is an unsigned int dumped as a lua_Integer.
        w.typedInt(NodeMCUFormat.typePositiveInteger, numbers.wrap(Int64(seedValue)))
        w.bytes += NodeMCUFormat.stringVectorSignature
        w.int(table.maximumLength)
        w.int(table.shortCount)
        w.int(table.longCount)
        w.int(table.imageStrings.count)
        for s in table.imageStrings { w.string(s) }
        w.stringIndex = table.index
        w.bytes += NodeMCUFormat.protoVectorSignature
        w.int(main.protos.count)
        for p in main.protos { try w.function(p, parentSource: main.source) }
        try w.constants(main.constants)
        return w.bytes
    }

    /// Checks luac.cross leaves out: the module count fits the ROTable's one-byte lsizenode,
    /// names are distinct, integers fit the model; each error names its module.
    func checkModules(_ main: FunctionDescription, names: [[UInt8]]) throws(NodeMCUDumpError) {
        if main.protos.count > LFSLimits.maximumModules {
            throw NodeMCUDumpError(
                "\(main.protos.count) modules: an LFS image holds at most \(LFSLimits.maximumModules) "
                    + "(the ROTable's one-byte entry count, lundump.c LoadAllProtos)")
        }
        var seen: Set<[UInt8]> = []
        for (name, module) in zip(names, main.protos) {
            let text = String(decoding: name, as: UTF8.self)
            if !seen.insert(name).inserted { throw LuacCross.duplicateError(source: module.source ?? []) }
            if let bad = firstIntegerOutside(numbers, module) {
                throw NodeMCUDumpError(
                    "module '\(text)': integer \(bad) is too big or small for the target's \(numbers.integerBits)-bit integers")
            }
        }
    }
}

/// The first integer constant of `f`'s tree outside the model's range.
func firstIntegerOutside(_ numbers: NumberModel, _ f: FunctionDescription) -> Int64? {
    for k in f.constants {
        if case .integer(let i) = k, !numbers.contains(i) { return i }
    }
    for p in f.protos {
        if let bad = firstIntegerOutside(numbers, p) { return bad }
    }
    return nil
}

/// ldump.c's stringIndex for an image: the fixed strings numbered first, then every string of the
/// proto tree (scanProtoStrings' order: source, constants, upvalue names, local names, children),
/// each once; then DumpLFSstrings' swap, so the image's own strings are 1...n and the fixed ones
/// follow, numbered as the chip stores them. The header's counts stay luac.cross's (a set).
struct LFSStringTable {
    /// String -> its index in the image (1-based).
    var index: [[UInt8]: Int] = [:]
    /// The image's own strings, in index order.
    var imageStrings: [[UInt8]] = []
    var shortCount = 0
    var longCount = 0
    var maximumLength = 0

    init(_ main: FunctionDescription) {
        var order: [[UInt8]] = []
        func add(_ s: [UInt8]?) {
            guard let s, index[s] == nil else { return }
            if s.count <= NodeMCUFormat.maximumShortLength { shortCount += 1 } else { longCount += 1 }
            order.append(s)
            index[s] = order.count
        }
        for s in NodeMCUFixedStrings.all { add(s) }
        let fixedCount = order.count
        func scan(_ f: FunctionDescription) {
            add(f.source)
            for k in f.constants {
                if case .string(let s) = k { add(s) }
            }
            for u in f.upvalues { add(u.name) }
            for l in f.localVariables { add(l.name) }
            for p in f.protos { scan(p) }
        }
        scan(main)
        let imageCount = order.count - fixedCount
        for (i, s) in order.enumerated() {
            // A fixed string is referred to where the chip's loader stores it (after the image's
            // strings, in NodeMCUFixedStrings.storedByChip's order). luac.cross numbers them as a
            // set, which is the same up to the second "userdata" the chip stores: its references
            // to "thread" and "proto" load as "userdata" and "thread" on a chip (checked with
            // NodeMCU's loader in tests/nodemcu-formats/run.sh); these are right.
            index[s] = i + 1 > fixedCount ? i + 1 - fixedCount : imageCount + 1 + NodeMCUFixedStrings.chipPosition[s]!
            maximumLength = max(maximumLength, s.count)
        }
        imageStrings = Array(order[fixedCount...])
    }

    /// FNV-1a over the image's strings and time: a deterministic stand-in for luac.cross's
    /// random seed (luai_makeseed), changing with the content.
    func defaultSeed(timestamp: Int64) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        func mix(_ b: UInt8) {
            hash ^= UInt32(b)
            hash = hash &* 0x0100_0193
        }
        withUnsafeBytes(of: timestamp.littleEndian) { for b in $0 { mix(b) } }
        for s in imageStrings {
            for b in s { mix(b) }
            mix(0)
        }
        return hash
    }
}
