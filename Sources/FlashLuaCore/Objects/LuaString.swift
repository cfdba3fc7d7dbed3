/// Byte offsets of a string object, identical on the heap and in an LFS image:
///
///      0                16              24          28            32
///     +----------------+---------------+-----------+-------------+---------------------+
///     | object header  | hashNext ptr  | hash u32  | length u32  | bytes (length), NUL |
///     +----------------+---------------+-----------+-------------+---------------------+
///
/// `hashNext` chains short strings in the RAM string table's bucket (nil in an image and for
/// long strings); `hash` is a short string's hash, a long one's once computed (header flag
/// `LuaString.hashedFlag`; image strings are stored hashed). An object is `size(length:)` bytes.
package enum StringLayout {
    @inline(__always) package static var hashNext: Int { ObjectHeaderLayout.size }
    @inline(__always) package static var hash: Int { hashNext + MemoryLayout<UnsafeMutableRawPointer?>.size }
    @inline(__always) package static var length: Int { hash + MemoryLayout<UInt32>.size }
    @inline(__always) package static var bytes: Int { length + MemoryLayout<UInt32>.size }
    /// Bytes of a string object of `n` bytes, its NUL terminator included.
    @inline(__always) package static func size(length n: Int) -> Int { bytes + n + 1 }
}

/// A Lua string object (layout: `StringLayout`).
/// Short strings (<= 40 bytes) are interned: equal short strings are one object, so they compare
/// by address. Long strings are compared by content and hash lazily.
package struct LuaString: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }

    package static let maxShortLength = 40
    /// flags bit: a long string's hash has been computed.
    package static let hashedFlag: UInt8 = 1

    @inline(__always) package var isShort: Bool { raw.header.pointee.tag == .shortString }
    @inline(__always) package var count: Int { Int(raw.load(fromByteOffset: StringLayout.length, as: UInt32.self)) }
    @inline(__always) package var storedHash: UInt32 { raw.load(fromByteOffset: StringLayout.hash, as: UInt32.self) }
    package var bytes: UnsafePointer<UInt8> {
        UnsafePointer((raw + StringLayout.bytes).assumingMemoryBound(to: UInt8.self))
    }
    @inline(__always) package var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count) }
    @inline(__always) package var hashNext: UnsafeMutableRawPointer? {
        get { raw.load(fromByteOffset: StringLayout.hashNext, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { raw.storeBytes(of: newValue, toByteOffset: StringLayout.hashNext, as: UnsafeMutableRawPointer?.self) }
    }
    @inline(__always) package var isReadOnly: Bool { raw.header.pointee.marks & ObjectMarks.readOnly != 0 }

    /// Hash used by tables; long strings hash on first use (never for read-only ones: they are
    /// stored pre-hashed in images).
    package func hash(seed: UInt32) -> UInt32 {
        if isShort || raw.header.pointee.flags & LuaString.hashedFlag != 0 { return storedHash }
        let h = LuaString.computeHash(buffer, seed: seed)
        raw.storeBytes(of: h, toByteOffset: StringLayout.hash, as: UInt32.self)
        raw.header.pointee.flags |= LuaString.hashedFlag
        return h
    }

    /// luaS_hash of Lua 5.3.
    package static func computeHash(_ s: UnsafeBufferPointer<UInt8>, seed: UInt32) -> UInt32 {
        var l = s.count
        var h = seed ^ UInt32(truncatingIfNeeded: l)
        let step = (l >> 5) + 1
        while l >= step {
            h ^= (h << 5) &+ (h >> 2) &+ UInt32(s[l - 1])
            l -= step
        }
        return h
    }

    package static func equalLong(_ a: LuaString, _ b: LuaString) -> Bool {
        if a.raw == b.raw { return true }
        let n = a.count
        guard n == b.count else { return false }
        return memoryEqual(a.bytes, b.bytes, n)
    }

    @inline(__always) package func equals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        count == bytes.count && (count == 0 || memoryEqual(self.bytes, bytes.baseAddress!, count))
    }

    package func equals(_ text: StaticString) -> Bool {
        equals(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always) package var array: [UInt8] { Array(buffer) }

    /// Byte-wise comparison as strcoll in the C locale (l_strcmp): -1, 0, 1.
    package static func compare(_ a: LuaString, _ b: LuaString) -> Int {
        let n = min(a.count, b.count)
        let pa = a.bytes
        let pb = b.bytes
        for i in 0..<n where pa[i] != pb[i] { return pa[i] < pb[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

package func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
            != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
        {
            return false
        }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
