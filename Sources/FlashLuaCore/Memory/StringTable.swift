/// The RAM table of interned short strings: buckets chained through each string's hashNext.
/// Lookups that miss here go on to the ROM table of a mapped LFS image, if any.
package struct StringTable {
    var buckets: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    var size: Int
    package var count: Int = 0

    init() {
        size = 128
        buckets = .allocate(capacity: size)
        buckets.initialize(repeating: nil, count: size)
    }

    func find(_ s: UnsafeBufferPointer<UInt8>, hash: UInt32) -> LuaString? {
        var p = buckets[Int(hash) & (size - 1)]
        while let o = p {
            let str = LuaString(o)
            if str.storedHash == hash && str.equals(s) { return str }
            p = str.hashNext
        }
        return nil
    }

    mutating func insert(_ str: LuaString) {
        if count >= size { resize(size * 2) }
        let i = Int(str.storedHash) & (size - 1)
        str.hashNext = buckets[i]
        buckets[i] = str.raw
        count += 1
    }

    mutating func resize(_ newSize: Int) {
        let nb = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: newSize)
        nb.initialize(repeating: nil, count: newSize)
        for i in 0..<size {
            var p = buckets[i]
            while let o = p {
                let str = LuaString(o)
                p = str.hashNext
                let j = Int(str.storedHash) & (newSize - 1)
                str.hashNext = nb[j]
                nb[j] = o
            }
        }
        buckets.deallocate()
        buckets = nb
        size = newSize
    }

    /// Unlinks every unmarked, unfixed string; `free` releases each one. Run before the sweep.
    mutating func removeDead(_ free: (UnsafeMutableRawPointer) -> Void) {
        for i in 0..<size {
            var previous: LuaString? = nil
            var p = buckets[i]
            while let o = p {
                let str = LuaString(o)
                p = str.hashNext
                if o.header.pointee.marks & (ObjectMarks.marked | ObjectMarks.fixed) == 0 {
                    if let prev = previous { prev.hashNext = p } else { buckets[i] = p }
                    count -= 1
                    free(o)
                } else {
                    previous = str
                }
            }
        }
        if count < size / 4 && size > 128 { resize(size / 2) }
    }

    package func forEach(_ body: (LuaString) -> Void) {
        for i in 0..<size {
            var p = buckets[i]
            while let o = p {
                let s = LuaString(o)
                p = s.hashNext
                body(s)
            }
        }
    }

    func deallocate() { buckets.deallocate() }
}
