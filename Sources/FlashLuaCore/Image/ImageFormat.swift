/// The Lua Flash Store image: one position-independent block that the runtime maps read-only and
/// executes in place. Every object in it (strings, prototypes) has exactly the heap layout, with
/// the `readOnly` mark, so the VM cannot tell an image object from a heap one; every reference
/// is an offset (self-relative inside prototypes, image-relative in the indexes), so the image
/// runs at whatever address it is mapped.
///
///     header (ImageHeader.size bytes, little-endian)
///     strings      every string of every module, deduplicated, 16-byte aligned objects
///     prototypes   each module's prototype tree, children before parents
///     entries      [EntryRecord] in build order: modules, then resources
///     entry index  power-of-two buckets of entry numbers + 1 (0 = empty), linear probing
///     string index power-of-two buckets of short-string offsets (0 = empty), linear probing
///
/// The checksum is CRC-32 (IEEE) of the whole image with the checksum field read as zero.
public enum ImageFormat {
    /// "\u{1B}FLSLua\u{53}\0": escape like a binary chunk, so `load` never takes it for source.
    public static let magic: [UInt8] = [0x1B, 0x46, 0x4C, 0x53, 0x4C, 0x75, 0x61, 0x53]
    public static let version: UInt32 = 1
    /// Objects are aligned to 16 bytes, as heap allocations are.
    public static let alignment = 16
    /// The string hash seed every image uses unless told otherwise (fixed, so images are
    /// reproducible; the runtime adopts the image's seed when it mounts one).
    public static let defaultSeed: UInt32 = 0x5f3a_91c7
    public static let strippedFlag: UInt32 = 1
    public static var headerSize: Int { ImageHeader.size }

    @inline(__always) package static func align(_ x: Int) -> Int { (x + alignment - 1) & ~(alignment - 1) }

    /// Smallest power of two holding `count` entries at most half full (never less than 2).
    package static func bucketCount(for count: Int) -> Int {
        var n = 2
        while n < 2 * count { n <<= 1 }
        return n
    }
}

/// Byte offsets of the header's fields.
package enum ImageHeader {
    package static let magic = 0  // 8 bytes
    package static let version = 8
    package static let headerSize = 12
    package static let imageSize = 16
    package static let checksum = 20
    package static let seed = 24
    package static let flags = 28
    package static let buildTime = 32  // Int64
    package static let stringCount = 40
    package static let stringsOffset = 44
    package static let stringsSize = 48
    package static let protosOffset = 52
    package static let protosSize = 56
    package static let moduleCount = 60
    package static let resourceCount = 64
    package static let entriesOffset = 68
    package static let entryBucketsOffset = 72
    package static let entryBucketCount = 76
    package static let stringBucketsOffset = 80
    package static let stringBucketCount = 84
    package static let size = 96
}

/// One named thing in the image: a module (its main prototype) or a resource (a ROM string).
///     0 name offset u32 (a string object)   4 target offset u32 (prototype or string object)
///     8 kind u32                            12 bytes u32 (a module's prototype bytes; a resource's length)
package enum EntryRecord {
    package static let size = 16
    package static let moduleKind: UInt32 = 1
    package static let resourceKind: UInt32 = 2
}

/// Why an image cannot be used; `message` names the problem (callers add the file name).
public struct ImageError: Error, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
