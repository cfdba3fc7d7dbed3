/// A Lua string object. Layout (identical on the heap and in an LFS image):
///   0 header (16) | 16 hashNext (8) | 24 hash UInt32 | 28 length UInt32 | 32 bytes..., NUL
/// Short strings (<= 40 bytes) are interned: equal short strings are one object, so they compare
/// by address. Long strings are compared by content and hash lazily.
package struct LuaString: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }

    package static let maxShortLength = 40
    package static let headerSize = 32
    /// flags bit: a long string's hash has been computed.
    package static let hashedFlag: UInt8 = 1

    @inline(__always) package var isShort: Bool { raw.header.pointee.tag == .shortString }
    @inline(__always) package var count: Int { Int(raw.load(fromByteOffset: 28, as: UInt32.self)) }
    @inline(__always) package var storedHash: UInt32 { raw.load(fromByteOffset: 24, as: UInt32.self) }
    package var bytes: UnsafePointer<UInt8> {
        UnsafePointer((raw + 32).assumingMemoryBound(to: UInt8.self))
    }
    @inline(__always) package var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count) }
    @inline(__always) package var hashNext: UnsafeMutableRawPointer? {
        get { raw.load(fromByteOffset: 16, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { raw.storeBytes(of: newValue, toByteOffset: 16, as: UnsafeMutableRawPointer?.self) }
    }
    @inline(__always) package var isReadOnly: Bool { raw.header.pointee.marks & ObjectMarks.readOnly != 0 }

    /// Hash used by tables; long strings hash on first use (never for read-only ones: they are
    /// stored pre-hashed in images).
    package func hash(seed: UInt32) -> UInt32 {
        if isShort || raw.header.pointee.flags & LuaString.hashedFlag != 0 { return storedHash }
        let h = LuaString.computeHash(buffer, seed: seed)
        raw.storeBytes(of: h, toByteOffset: 24, as: UInt32.self)
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
