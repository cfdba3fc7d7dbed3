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

/// Byte offsets of the image header's fields (all little-endian, u32 unless noted):
///
///      0 magic (8 bytes, ImageFormat.magic)          8 version         12 headerSize (= size)
///     16 imageSize (bytes, padding included)         20 checksum       24 seed (string hashes)
///     28 flags (ImageFormat.strippedFlag)            32 buildTime i64 (seconds since the epoch)
///     40 stringCount     44 stringsOffset      48 stringsSize
///     52 protosOffset    56 protosSize         60 moduleCount       64 resourceCount
///     68 entriesOffset   72 entryBucketsOffset 76 entryBucketCount
///     80 stringBucketsOffset                   84 stringBucketCount
///     88 zero padding to `size` (96), so the strings start 16-byte aligned
///
/// Offsets are from the image's start; each section's offset and size are recorded, and the
/// verifier insists that the sections follow one another as ImageFormat's picture shows.
package enum ImageHeader {
    @inline(__always) package static var magic: Int { 0 }
    @inline(__always) package static var version: Int { magic + 8 }  // ImageFormat.magic
    @inline(__always) package static var headerSize: Int { version + 4 }
    @inline(__always) package static var imageSize: Int { headerSize + 4 }
    @inline(__always) package static var checksum: Int { imageSize + 4 }
    @inline(__always) package static var seed: Int { checksum + 4 }
    @inline(__always) package static var flags: Int { seed + 4 }
    @inline(__always) package static var buildTime: Int { flags + 4 }
    @inline(__always) package static var stringCount: Int { buildTime + 8 }
    @inline(__always) package static var stringsOffset: Int { stringCount + 4 }
    @inline(__always) package static var stringsSize: Int { stringsOffset + 4 }
    @inline(__always) package static var protosOffset: Int { stringsSize + 4 }
    @inline(__always) package static var protosSize: Int { protosOffset + 4 }
    @inline(__always) package static var moduleCount: Int { protosSize + 4 }
    @inline(__always) package static var resourceCount: Int { moduleCount + 4 }
    @inline(__always) package static var entriesOffset: Int { resourceCount + 4 }
    @inline(__always) package static var entryBucketsOffset: Int { entriesOffset + 4 }
    @inline(__always) package static var entryBucketCount: Int { entryBucketsOffset + 4 }
    @inline(__always) package static var stringBucketsOffset: Int { entryBucketCount + 4 }
    @inline(__always) package static var stringBucketCount: Int { stringBucketsOffset + 4 }
    /// The fields' end rounded up to the object alignment.
    @inline(__always) package static var size: Int { ImageFormat.align(stringBucketCount + 4) }
}

/// One named thing in the image: a module (its main prototype) or a resource (a ROM string).
/// Field offsets are from the record's start; every field is a little-endian u32 and the offsets
/// stored in them are from the image's start:
///
///      0              4                8          12                                    16
///     +--------------+----------------+----------+-------------------------------------+
///     | name offset  | target offset  | kind     | bytes                               |
///     | (a string)   | (proto/string) | (1 or 2) | (module's prototype bytes / length) |
///     +--------------+----------------+----------+-------------------------------------+
///
/// A bucket of either hash index is a u32 too (`bucketSize`): an entry number + 1 or a string
/// object's offset, 0 when empty.
package enum EntryRecord {
    @inline(__always) package static var name: Int { 0 }
    @inline(__always) package static var target: Int { name + 4 }
    @inline(__always) package static var kind: Int { target + 4 }
    @inline(__always) package static var bytes: Int { kind + 4 }
    @inline(__always) package static var size: Int { bytes + 4 }
    package static let moduleKind: UInt32 = 1
    package static let resourceKind: UInt32 = 2
    @inline(__always) package static var bucketSize: Int { 4 }
}

/// Why an image cannot be used; `message` names the problem (callers add the file name).
public struct ImageError: Error, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
