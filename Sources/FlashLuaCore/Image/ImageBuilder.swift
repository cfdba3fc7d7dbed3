import FlashLuaBytecode

/// Builds an LFS image from compiled modules and resources (used by `flashluac -f` on the host
/// and by `node.LFS.reload` building on the device). The output depends only on the inputs,
/// the seed and the build time, so equal inputs give equal bytes.
public struct ImageBuilder {
    public var seed: UInt32 = ImageFormat.defaultSeed
    /// Seconds since the epoch recorded in the header (`SOURCE_DATE_EPOCH` on the host).
    public var buildTime: Int64 = 0
    /// Drop debug information (line numbers, local and upvalue names, source names).
    public var strip = false
    private var modules: [(name: [UInt8], function: FunctionDescription)] = []
    /// The file each module added by `addModule(file:)` came from, for the duplicate report.
    private var moduleFiles: [[UInt8]: String] = [:]
    private var resources: [(name: [UInt8], bytes: [UInt8])] = []

    public init() {}

    public var moduleNames: [[UInt8]] { modules.map { $0.name } }

    /// Adds a module; its name must be new (a module name is what `require` and `node.LFS.get` use).
    public mutating func addModule(name: [UInt8], _ function: FunctionDescription) throws(ImageError) {
        if modules.contains(where: { $0.name == name }) {
            throw ImageError("duplicate module name '\(String(decoding: name, as: UTF8.self))'")
        }
        modules.append((name, function))
    }

    /// Adds a module compiled from `file`, named as `require` would find it: the file's base name
    /// without extension. Two files of one name are an error naming both.
    public mutating func addModule(file: String, _ function: FunctionDescription) throws(ImageError) {
        let name = Array(moduleName(ofFile: file).utf8)
        if let other = moduleFiles[name] {
            throw ImageError("module name '\(String(decoding: name, as: UTF8.self))' is used by both \(other) and \(file)")
        }
        moduleFiles[name] = file
        try addModule(name: name, function)
    }

    /// Adds a resource: bytes stored as a ROM string that Lua reads without a heap copy.
    public mutating func addResource(name: [UInt8], bytes: [UInt8]) throws(ImageError) {
        if resources.contains(where: { $0.name == name }) {
            throw ImageError("duplicate resource name '\(String(decoding: name, as: UTF8.self))'")
        }
        resources.append((name, bytes))
    }

    /// Lays the image out and returns its bytes.
    public func build() throws(ImageError) -> [UInt8] {
        let functions = modules.map { strip ? $0.function.stripped() : $0.function }

        // Strings, deduplicated in first-seen order.
        var stringOrder: [[UInt8]] = []
        var stringOffsets: [[UInt8]: Int] = [:]
        func note(_ s: [UInt8]?) {
            guard let s, stringOffsets[s] == nil else { return }
            stringOffsets[s] = 0
            stringOrder.append(s)
        }
        func noteStrings(_ f: FunctionDescription) {
            note(f.source)
            for case .string(let s) in f.constants { note(s) }
            for u in f.upvalues { note(u.name) }
            for l in f.localVariables { note(l.name) }
            f.protos.forEach(noteStrings)
        }
        for (i, m) in modules.enumerated() {
            note(m.name)
            noteStrings(functions[i])
        }
        for r in resources {
            note(r.name)
            note(r.bytes)
        }

        var cursor = ImageHeader.size
        let stringsOffset = cursor
        for s in stringOrder {
            stringOffsets[s] = cursor
            cursor += ImageFormat.align(StringLayout.size(length: s.count))
        }
        let stringsSize = cursor - stringsOffset

        // Prototype trees, children before parents (so a child's offset is always lower).
        let protosOffset = cursor
        var moduleRoots: [Int] = []
        var moduleBytes: [Int] = []
        var placements: [(FunctionDescription, Int)] = []
        func place(_ f: FunctionDescription) -> Int {
            for c in f.protos { _ = place(c) }
            let at = cursor
            cursor += ImageFormat.align(ProtoLayout(f).totalSize)
            placements.append((f, at))
            return at
        }
        for f in functions {
            let start = cursor
            moduleRoots.append(place(f))
            moduleBytes.append(cursor - start)
        }
        let protosSize = cursor - protosOffset

        let entryCount = modules.count + resources.count
        let entriesOffset = cursor
        cursor += entryCount * EntryRecord.size
        let entryBucketCount = ImageFormat.bucketCount(for: entryCount)
        let entryBucketsOffset = cursor
        cursor += EntryRecord.bucketSize * entryBucketCount
        let shortStrings = stringOrder.filter { $0.count <= LuaString.maxShortLength }
        let stringBucketCount = ImageFormat.bucketCount(for: shortStrings.count)
        let stringBucketsOffset = cursor
        cursor += EntryRecord.bucketSize * stringBucketCount
        let imageSize = ImageFormat.align(cursor)
        guard imageSize <= Int(UInt32.max) else { throw ImageError("image would be \(imageSize) bytes, over the 4 GB format limit") }

        let seed = self.seed
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: imageSize, alignment: ImageFormat.alignment)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            let base = buffer.baseAddress!
            func put32(_ v: Int, at offset: Int) {
                base.storeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian, toByteOffset: offset, as: UInt32.self)
            }

            for (i, b) in ImageFormat.magic.enumerated() { base.storeBytes(of: b, toByteOffset: ImageHeader.magic + i, as: UInt8.self) }
            put32(Int(ImageFormat.version), at: ImageHeader.version)
            put32(ImageHeader.size, at: ImageHeader.headerSize)
            put32(imageSize, at: ImageHeader.imageSize)
            put32(Int(seed), at: ImageHeader.seed)
            put32(strip ? Int(ImageFormat.strippedFlag) : 0, at: ImageHeader.flags)
            base.storeBytes(of: buildTime.littleEndian, toByteOffset: ImageHeader.buildTime, as: Int64.self)
            put32(stringOrder.count, at: ImageHeader.stringCount)
            put32(stringsOffset, at: ImageHeader.stringsOffset)
            put32(stringsSize, at: ImageHeader.stringsSize)
            put32(protosOffset, at: ImageHeader.protosOffset)
            put32(protosSize, at: ImageHeader.protosSize)
            put32(modules.count, at: ImageHeader.moduleCount)
            put32(resources.count, at: ImageHeader.resourceCount)
            put32(entriesOffset, at: ImageHeader.entriesOffset)
            put32(entryBucketsOffset, at: ImageHeader.entryBucketsOffset)
            put32(entryBucketCount, at: ImageHeader.entryBucketCount)
            put32(stringBucketsOffset, at: ImageHeader.stringBucketsOffset)
            put32(stringBucketCount, at: ImageHeader.stringBucketCount)

            for s in stringOrder {
                let p = base + stringOffsets[s]!
                let isShort = s.count <= LuaString.maxShortLength
                let hash = s.withUnsafeBufferPointer { LuaString.computeHash($0, seed: seed) }
                p.header.initialize(
                    to: ObjectHeader(
                        next: nil, tag: isShort ? .shortString : .longString, marks: ObjectMarks.readOnly,
                        flags: LuaString.hashedFlag, extra: 0, size: UInt32(StringLayout.size(length: s.count))))
                p.storeBytes(of: hash, toByteOffset: StringLayout.hash, as: UInt32.self)
                p.storeBytes(of: UInt32(s.count), toByteOffset: StringLayout.length, as: UInt32.self)
                s.withUnsafeBytes { (p + StringLayout.bytes).copyMemory(from: $0.baseAddress!, byteCount: s.count) }
                if isShort {
                    var bucket = Int(hash) & (stringBucketCount - 1)
                    while base.load(fromByteOffset: stringBucketsOffset + EntryRecord.bucketSize * bucket, as: UInt32.self) != 0 {
                        bucket = (bucket + 1) & (stringBucketCount - 1)
                    }
                    put32(stringOffsets[s]!, at: stringBucketsOffset + EntryRecord.bucketSize * bucket)
                }
            }

            var protoOffsets: [Int] = []
            var childStack: [Int] = []  // offsets of placed children, consumed by their parent
            for (f, at) in placements {
                let children = Array(childStack.suffix(f.protos.count))
                childStack.removeLast(f.protos.count)
                let layout = ProtoLayout(f)
                let p = base + at
                p.header.initialize(
                    to: ObjectHeader(
                        next: nil, tag: .proto, marks: ObjectMarks.readOnly, flags: 0, extra: 0, size: UInt32(layout.totalSize)))
                do {
                    try layout.write(
                        f, at: p,
                        string: { (s: [UInt8]) throws(LuaError) -> UnsafeRawPointer in UnsafeRawPointer(base + stringOffsets[s]!) },
                        child: { (i: Int) throws(LuaError) -> UnsafeRawPointer in UnsafeRawPointer(base + children[i]) })
                } catch {
                    throw ImageError("cannot lay out a prototype")
                }
                childStack.append(at)
                protoOffsets.append(at)
            }

            func addEntry(_ index: Int, name: [UInt8], target: Int, kind: UInt32, bytes: Int) {
                let record = entriesOffset + EntryRecord.size * index
                put32(stringOffsets[name]!, at: record + EntryRecord.name)
                put32(target, at: record + EntryRecord.target)
                put32(Int(kind), at: record + EntryRecord.kind)
                put32(bytes, at: record + EntryRecord.bytes)
                let hash = name.withUnsafeBufferPointer { LuaString.computeHash($0, seed: seed) }
                var bucket = Int(hash) & (entryBucketCount - 1)
                while base.load(fromByteOffset: entryBucketsOffset + EntryRecord.bucketSize * bucket, as: UInt32.self) != 0 {
                    bucket = (bucket + 1) & (entryBucketCount - 1)
                }
                put32(index + 1, at: entryBucketsOffset + EntryRecord.bucketSize * bucket)
            }
            for (i, m) in modules.enumerated() {
                addEntry(i, name: m.name, target: moduleRoots[i], kind: EntryRecord.moduleKind, bytes: moduleBytes[i])
            }
            for (i, r) in resources.enumerated() {
                addEntry(
                    modules.count + i, name: r.name, target: stringOffsets[r.bytes]!, kind: EntryRecord.resourceKind,
                    bytes: r.bytes.count)
            }
            put32(Int(imageChecksum(UnsafeRawBufferPointer(buffer))), at: ImageHeader.checksum)
        }
        return Array(UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self))
    }
}

/// CRC-32 of an image with its checksum field read as zero.
package func imageChecksum(_ image: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(UnsafeRawBufferPointer(rebasing: image[0..<ImageHeader.checksum]))
    crc.update(zeroBytes: MemoryLayout<UInt32>.size)
    crc.update(UnsafeRawBufferPointer(rebasing: image[(ImageHeader.checksum + MemoryLayout<UInt32>.size)...]))
    return crc.value
}

/// A module's name from its file: the base name without directory and extension.
public func moduleName(ofFile path: String) -> String {
    var name = Substring(path)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
    return String(name)
}
