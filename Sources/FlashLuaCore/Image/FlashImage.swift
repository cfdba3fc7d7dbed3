/// A verified LFS image at a fixed address (mapped read-only from a file or a flash partition).
/// Only `FlashImage.verify` makes one, so every offset read here has been checked.
public struct FlashImage {
    public let base: UnsafeRawPointer
    public let size: Int

    package init(unchecked base: UnsafeRawPointer, size: Int) {
        self.base = base
        self.size = size
    }

    @inline(__always) package func u32(_ offset: Int) -> Int {
        Int(UInt32(littleEndian: base.load(fromByteOffset: offset, as: UInt32.self)))
    }

    public var seed: UInt32 { UInt32(u32(ImageHeader.seed)) }
    public var checksum: UInt32 { UInt32(u32(ImageHeader.checksum)) }
    public var buildTime: Int64 { Int64(littleEndian: base.load(fromByteOffset: ImageHeader.buildTime, as: Int64.self)) }
    public var isStripped: Bool { u32(ImageHeader.flags) & Int(ImageFormat.strippedFlag) != 0 }
    public var moduleCount: Int { u32(ImageHeader.moduleCount) }
    public var resourceCount: Int { u32(ImageHeader.resourceCount) }
    public var stringCount: Int { u32(ImageHeader.stringCount) }
    public var stringsSize: Int { u32(ImageHeader.stringsSize) }
    public var protosSize: Int { u32(ImageHeader.protosSize) }
    package var stringBucketCount: Int { u32(ImageHeader.stringBucketCount) }
    /// Slots of the ROM string table (a power of two, at most half full).
    public var romStringBucketCount: Int { stringBucketCount }
    package var entryCount: Int { moduleCount + resourceCount }

    @inline(__always) package func object(_ offset: Int) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(mutating: base + offset) }

    // MARK: Strings

    /// The image's short string with these bytes (the ROM string table lookup).
    @inline(__always) package func findString(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> LuaString? {
        let buckets = u32(ImageHeader.stringBucketsOffset)
        let mask = stringBucketCount - 1
        var bucket = Int(hash) & mask
        while true {
            let offset = u32(buckets + EntryRecord.bucketSize * bucket)
            if offset == 0 { return nil }
            let s = LuaString(object(offset))
            if s.storedHash == hash && s.equals(bytes) { return s }
            bucket = (bucket + 1) & mask
        }
    }

    /// Every string object of the image, in layout order.
    public func forEachString(_ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        var offset = u32(ImageHeader.stringsOffset)
        let end = offset + stringsSize
        while offset < end {
            let s = LuaString(object(offset))
            body(s.buffer, s.isShort)
            offset += ImageFormat.align(Int(s.raw.header.pointee.size))
        }
    }

    /// The short strings the ROM table holds (what `debug.getstrings('ROM')` lists).
    package func forEachShortString(_ body: (LuaString) throws(LuaError) -> Void) throws(LuaError) {
        let buckets = u32(ImageHeader.stringBucketsOffset)
        for i in 0..<stringBucketCount {
            let offset = u32(buckets + EntryRecord.bucketSize * i)
            if offset != 0 { try body(LuaString(object(offset))) }
        }
    }

    // MARK: Entries

    public struct Entry {
        public let name: UnsafeBufferPointer<UInt8>
        public let isModule: Bool
        /// A module's prototype bytes or a resource's length.
        public let bytes: Int
        package let nameObject: LuaString
        package let target: UnsafeMutableRawPointer
    }

    /// Entry i in build order: modules first, then resources.
    public func entry(_ i: Int) -> Entry {
        let record = u32(ImageHeader.entriesOffset) + EntryRecord.size * i
        let name = LuaString(object(u32(record + EntryRecord.name)))
        return Entry(
            name: name.buffer, isModule: UInt32(u32(record + EntryRecord.kind)) == EntryRecord.moduleKind,
            bytes: u32(record + EntryRecord.bytes), nameObject: name, target: object(u32(record + EntryRecord.target)))
    }

    /// The entry of this name and kind, by hash: constant time whatever the module count.
    package func find(_ name: UnsafeBufferPointer<UInt8>, module: Bool) -> Entry? {
        let buckets = u32(ImageHeader.entryBucketsOffset)
        let mask = u32(ImageHeader.entryBucketCount) - 1
        var bucket = Int(LuaString.computeHash(name, seed: seed)) & mask
        while true {
            let index = u32(buckets + EntryRecord.bucketSize * bucket)
            if index == 0 { return nil }
            let e = entry(index - 1)
            if e.isModule == module && e.nameObject.equals(name) { return e }
            bucket = (bucket + 1) & mask
        }
    }

    /// A module's main prototype.
    package func module(_ name: UnsafeBufferPointer<UInt8>) -> Proto? {
        find(name, module: true).map { Proto($0.target) }
    }

    /// A resource as its ROM string.
    package func resource(_ name: UnsafeBufferPointer<UInt8>) -> LuaString? {
        find(name, module: false).map { LuaString($0.target) }
    }
}
