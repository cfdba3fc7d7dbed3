/// CRC-32 (IEEE 802.3, as zlib's crc32): the checksum of LFS images and flash slot records.
/// Table-driven; the table is computed once, so the code needs no static data initializers
/// that Embedded Swift could not handle.
public struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    private var state: UInt32 = 0xFFFF_FFFF

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var c = state
        Self.table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    public mutating func update(zeroBytes count: Int) {
        var c = state
        for _ in 0..<count { c = Self.table[Int(c & 0xFF)] ^ (c >> 8) }
        state = c
    }

    public var value: UInt32 { state ^ 0xFFFF_FFFF }
}

/// CRC-32 of a byte range in one call.
public func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
}
