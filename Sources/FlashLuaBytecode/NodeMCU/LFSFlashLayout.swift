import FlashLuaText

/// What the chip can take, checked before an image is written.
public struct LFSLimits: Sendable {
    /// LoadAllProtos stores the module count in the ROTable's one-byte lsizenode.
    public static let maximumModules = 255
    /// Heap the chip's loader may use for LoadAllStrings' three buffers (the TString vector, the
    /// string assembly buffer of the longest string, the ROstrt hash list), all allocated at
    /// once. Default: lundump.c's "usable RAM heap is roughly 45Kb" for the ESP8266.
    public var loaderHeapBytes = 45 * 1024

    public init() {}
}

/// The size an image takes once the chip's loader (lundump.c in MODE_LFS on the ESP8266)
/// expands it into flash: every store is one luaN_writeFlash, rounded up to a 4-byte word, with
/// the structures' 32-bit ESP sizes.
struct LFSFlashLayout {
    let numbers: NumberModel
    let strip: NodeMCUStrip

    static let headerBytes = 48  // LFSHeader: 12 lu_int32
    static let stringHeaderBytes = 16  // sizeof(UTString): TString with 8-byte alignment
    static let protoBytes = 76  // Proto: CommonHeader, 3 bytes, 8 ints, 8 pointers
    static let upvalueBytes = 8  // Upvaldesc: name pointer, instack, idx
    static let localBytes = 12  // LocVar: name pointer, startpc, endpc
    static let romTableBytes = 16  // ROTable: CommonTable and the entry pointer

    /// TValue: the Value and the tag word; with 64-bit numbers the Value takes two words
    /// (lundump.c's ESP layout strings: FMT_TVALUE "AW" and "www").
    var valueBytes: Int { numbers == .int32Float ? 8 : 12 }
    /// ROTable_entry: key pointer then the TValue (FMT_ROTENTRY "A" FMT_TVALUE).
    var entryBytes: Int { 4 + valueBytes }

    static func words(_ n: Int) -> Int { (n + 3) & ~3 }

    /// The flash bytes of the expanded image (flash_size in its LFSHeader).
    func expandedSize(_ main: FunctionDescription, strings: LFSStringTable) -> Int {
        var size = LFSFlashLayout.headerBytes
        for s in strings.imageStrings + NodeMCUFixedStrings.storedByChip {
            size += LFSFlashLayout.stringHeaderBytes + LFSFlashLayout.words(s.count + 1)
        }
        size += 4 * LFSFlashLayout.hashListLength(strings.shortCount)
        func proto(_ f: FunctionDescription) {
            for p in f.protos { proto(p) }
            size += 4 * f.protos.count
            size += 4 * f.code.count
            size += valueBytes * f.constants.count
            size += LFSFlashLayout.upvalueBytes * f.upvalues.count
            // As the image carries them: luac.cross -s keeps line info, drops locals.
            if !f.lineInfo.isEmpty && strip != .all {
                size += LFSFlashLayout.words((f.packedLineInfo ?? PackedLineInfo.pack(f.lineInfo)).count)
            }
            if strip == .none { size += LFSFlashLayout.localBytes * f.localVariables.count }
            size += LFSFlashLayout.protoBytes
        }
        for p in main.protos { proto(p) }
        size += entryBytes * (main.protos.count + 1) + LFSFlashLayout.romTableBytes
        return size
    }

    /// 1 << luaO_ceillog2(ns).
    static func hashListLength(_ shortCount: Int) -> Int {
        var n = 1
        while n < shortCount { n <<= 1 }
        return n
    }

    /// The heap LoadAllStrings allocates at once: (n + 1) TString pointers, sizelstring(maxlen)
    /// and the hash list.
    static func loaderHeap(_ strings: LFSStringTable) -> Int {
        4 * (strings.shortCount + strings.longCount + 1) + stringHeaderBytes + strings.maximumLength + 1
            + 4 * hashListLength(strings.shortCount)
    }

    func check(
        _ main: FunctionDescription, strings: LFSStringTable, names: [[UInt8]], limits: LFSLimits, maxImageSize: Int
    ) throws(NodeMCUDumpError) {
        let heap = LFSFlashLayout.loaderHeap(strings)
        if heap > limits.loaderHeapBytes {
            let longest = strings.imageStrings.max { $0.count < $1.count } ?? []
            let owner = moduleOwning(longest, main: main, names: names)
            throw NodeMCUDumpError(
                "the chip's loader would need \(heap) bytes of heap for the image's strings (longest: "
                    + "\(longest.count) bytes\(owner.map { " in module '\($0)'" } ?? "")), more than "
                    + "the \(limits.loaderHeapBytes) allowed (--loader-heap)")
        }
        let size = expandedSize(main, strings: strings)
        if size > maxImageSize {
            throw NodeMCUDumpError(
                "the image expands to \(size) bytes in the chip's flash, more than the -m limit of \(maxImageSize) bytes")
        }
    }

    private func moduleOwning(_ s: [UInt8], main: FunctionDescription, names: [[UInt8]]) -> String? {
        func has(_ f: FunctionDescription) -> Bool {
            f.constants.contains(.string(s)) || f.source == s || f.protos.contains { has($0) }
        }
        for (name, m) in zip(names, main.protos) where has(m) { return String(decoding: name, as: UTF8.self) }
        return nil
    }
}
