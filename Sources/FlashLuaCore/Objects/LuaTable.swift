/// One slot of a table's hash part (ltable.c's Node): value, key and the offset of the next node
/// in its collision chain.
package struct Node {
    package var value: Value
    package var key: Value
    package var next: Int32
}

/// The shared, never-written node of every table with an empty hash part.
nonisolated(unsafe) let dummyNode: UnsafeMutablePointer<Node> = {
    let p = UnsafeMutablePointer<Node>.allocate(capacity: 1)
    p.initialize(to: Node(value: .nil, key: .nil, next: 0))
    return p
}()

package struct TableBody {
    package var header: ObjectHeader
    package var metatable: UnsafeMutableRawPointer?
    package var array: UnsafeMutablePointer<Value>?
    package var node: UnsafeMutablePointer<Node>
    /// Free-slot search moves down from here (an index into node; equal to node count when full).
    package var lastFree: Int32
    package var arraySize: UInt32
    package var nodeLog2: UInt8
    package var nodeIsDummy: Bool
}

/// A Lua table: array part for keys 1...n plus a hash part with Brent-style chained scatter,
/// as PUC-Rio's ltable.c. The header's `flags` caches absent metamethods (bit set = absent).
package struct LuaTable: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    @inline(__always) package var body: UnsafeMutablePointer<TableBody> { raw.assumingMemoryBound(to: TableBody.self) }

    @inline(__always) package var arraySize: Int { Int(body.pointee.arraySize) }
    @inline(__always) package var array: UnsafeMutablePointer<Value>? { body.pointee.array }
    @inline(__always) package var nodeCount: Int { body.pointee.nodeIsDummy ? 0 : 1 << Int(body.pointee.nodeLog2) }
    @inline(__always) package var node: UnsafeMutablePointer<Node> { body.pointee.node }
    @inline(__always) package var metatable: LuaTable? {
        get { body.pointee.metatable.map(LuaTable.init) }
        nonmutating set { body.pointee.metatable = newValue?.raw }
    }
    @inline(__always) package var flags: UInt8 {
        get { raw.header.pointee.flags }
        nonmutating set { raw.header.pointee.flags = newValue }
    }

    // MARK: Lookup

    @inline(__always) package func mainPosition(hash: UInt32) -> UnsafeMutablePointer<Node> {
        body.pointee.node + (Int(hash) & ((1 << Int(body.pointee.nodeLog2)) - 1))
    }

    /// Value slot for integer key i when present with a non-nil value (read fast path).
    @inline(__always) package func get(integer i: Int64) -> UnsafeMutablePointer<Value>? {
        guard let p = slot(integer: i), p.pointee.tag != .nil else { return nil }
        return p
    }

    /// Value slot for an interned short string key when present with a non-nil value.
    @inline(__always) package func get(shortString s: LuaString) -> UnsafeMutablePointer<Value>? {
        guard let p = slot(shortString: s), p.pointee.tag != .nil else { return nil }
        return p
    }

    /// Value slot for any key when present with a non-nil value.
    @inline(__always) package func get(_ key: Value, seed: UInt32) -> UnsafeMutablePointer<Value>? {
        guard let p = slot(key, seed: seed), p.pointee.tag != .nil else { return nil }
        return p
    }

    /// The slot of integer key i if the key exists (its value may be nil), else nil.
    @inline(__always) package func slot(integer i: Int64) -> UnsafeMutablePointer<Value>? {
        let n = body.pointee.arraySize
        if UInt64(bitPattern: i &- 1) < UInt64(n) { return body.pointee.array! + Int(i - 1) }
        if body.pointee.nodeIsDummy { return nil }
        var p = mainPosition(hash: hashInteger(i))
        while true {
            if p.pointee.key.tag == .integer && p.pointee.key.payload == UInt64(bitPattern: i) {
                return UnsafeMutableRawPointer(p).assumingMemoryBound(to: Value.self)
            }
            let nx = p.pointee.next
            if nx == 0 { return nil }
            p += Int(nx)
        }
    }

    @inline(__always) package func slot(shortString s: LuaString) -> UnsafeMutablePointer<Value>? {
        if body.pointee.nodeIsDummy { return nil }
        var p = mainPosition(hash: s.storedHash)
        let addr = UInt64(UInt(bitPattern: s.raw))
        while true {
            if p.pointee.key.payload == addr && p.pointee.key.tag == .shortString {
                return UnsafeMutableRawPointer(p).assumingMemoryBound(to: Value.self)
            }
            let nx = p.pointee.next
            if nx == 0 { return nil }
            p += Int(nx)
        }
    }

    /// The slot of any key if it exists (value may be nil); nil/NaN keys never exist.
    package func slot(_ key: Value, seed: UInt32) -> UnsafeMutablePointer<Value>? {
        switch key.tag {
        case .integer: return slot(integer: key.integer)
        case .shortString: return slot(shortString: key.string)
        case .nil: return nil
        case .float:
            if let i = Int64(exactly: key.float) {
                // A 32-bit state keeps integral floats beyond Int32 as float keys (there is no
                // such integer there); a 64-bit state stored them as integers.
                if let s = slot(integer: i) { return s }
                if i == Int64(Int32(truncatingIfNeeded: i)) { return nil }
            }
            fallthrough
        default:
            if body.pointee.nodeIsDummy { return nil }
            var p = mainPosition(hash: hashKey(key, seed: seed))
            while true {
                if p.pointee.key.rawEquals(key) {
                    return UnsafeMutableRawPointer(p).assumingMemoryBound(to: Value.self)
                }
                let nx = p.pointee.next
                if nx == 0 { return nil }
                p += Int(nx)
            }
        }
    }

    @inline(__always) package func value(_ key: Value, seed: UInt32) -> Value { get(key, seed: seed)?.pointee ?? .nil }

    // MARK: Hashing

    @inline(__always) package func hashInteger(_ i: Int64) -> UInt32 {
        let u = UInt64(bitPattern: i)
        return UInt32(truncatingIfNeeded: u ^ (u >> 32))
    }

    package func hashKey(_ key: Value, seed: UInt32) -> UInt32 {
        switch key.tag {
        case .integer: return hashInteger(key.integer)
        case .shortString: return key.string.storedHash
        case .longString: return key.string.hash(seed: seed)
        case .float:
            // l_hashfloat: frexp-based, stable for equal floats.
            let d = key.float
            if !d.isFinite { return 0 }
            let u = d.bitPattern
            return UInt32(truncatingIfNeeded: u ^ (u >> 29) ^ (u >> 45))
        case .boolean: return UInt32(key.payload)
        default:
            let a = key.payload
            return UInt32(truncatingIfNeeded: (a >> 3) ^ (a >> 32))
        }
    }

    // MARK: Insertion

    /// The slot for `key`, creating it (with value nil) if absent. The key must not be nil or NaN
    /// and floats with integral values must already be normalized to integers.
    @inline(__always) package func slot(for key: Value, in L: LuaState) throws(LuaError) -> UnsafeMutablePointer<Value> {
        if let p = slot(key, seed: L.seed) { return p }
        return try newKey(key, in: L)
    }

    private func freePosition() -> UnsafeMutablePointer<Node>? {
        if body.pointee.nodeIsDummy { return nil }
        while body.pointee.lastFree > 0 {
            body.pointee.lastFree -= 1
            let p = body.pointee.node + Int(body.pointee.lastFree)
            if p.pointee.key.tag == .nil { return p }
        }
        return nil
    }

    /// luaH_newkey: insert a key known to be absent.
    package func newKey(_ key: Value, in L: LuaState) throws(LuaError) -> UnsafeMutablePointer<Value> {
        flags = 0  // a new key may be a metamethod: forget cached absences
        if key.tag == .integer, UInt64(bitPattern: key.integer &- 1) < UInt64(arraySize) {
            return array! + Int(key.integer - 1)
        }
        var mp = mainPosition(hash: hashKey(key, seed: L.seed))
        if mp.pointee.value.tag != .nil || body.pointee.nodeIsDummy {
            guard let f = freePosition() else {
                try rehash(adding: key, in: L)
                return try slot(for: key, in: L)
            }
            var other = mainPosition(hash: hashKey(mp.pointee.key, seed: L.seed))
            if other != mp {
                // The colliding node is out of its main position: move it to the free slot.
                while other + Int(other.pointee.next) != mp { other += Int(other.pointee.next) }
                other.pointee.next = Int32(f - other)
                f.pointee = mp.pointee
                if mp.pointee.next != 0 {
                    f.pointee.next += Int32(mp - f)
                    mp.pointee.next = 0
                }
                mp.pointee.value = .nil
            } else {
                if mp.pointee.next != 0 {
                    f.pointee.next = Int32(mp + Int(mp.pointee.next) - f)
                }
                mp.pointee.next = Int32(f - mp)
                mp = f
            }
        }
        mp.pointee.key = key
        return UnsafeMutableRawPointer(mp).assumingMemoryBound(to: Value.self)
    }

    // MARK: Resizing (ltable.c's rehash)

    private static let maxArrayBits = 31

    private func countIntegerKeys(_ key: Value, _ nums: inout [Int]) -> Int {
        if key.tag == .integer {
            let k = key.integer
            if k > 0 && k <= Int64(1) << LuaTable.maxArrayBits {
                nums[ceilLog2(Int(k))] += 1
                return 1
            }
        }
        return 0
    }

    private func rehash(adding extraKey: Value, in L: LuaState) throws(LuaError) {
        var nums = [Int](repeating: 0, count: LuaTable.maxArrayBits + 1)
        // Count keys in the array part by slices (2^(lg-1), 2^lg].
        var arrayKeys = 0
        var i = 1
        var lg = 0
        var ttlg = 1
        let asize = arraySize
        while lg <= LuaTable.maxArrayBits {
            var lc = 0
            var lim = ttlg
            if lim > asize {
                lim = asize
                if i > lim { break }
            }
            while i <= lim {
                if array![i - 1].tag != .nil { lc += 1 }
                i += 1
            }
            nums[lg] += lc
            arrayKeys += lc
            lg += 1
            ttlg *= 2
        }
        var totalKeys = arrayKeys
        var hashIntegerKeys = 0
        for j in 0..<nodeCount {
            let n = node + j
            if n.pointee.value.tag != .nil {
                hashIntegerKeys += countIntegerKeys(n.pointee.key, &nums)
                totalKeys += 1
            }
        }
        hashIntegerKeys += countIntegerKeys(extraKey, &nums)
        totalKeys += 1
        arrayKeys += hashIntegerKeys
        // computesizes: the largest n such that more than half of 1..n is in use.
        var a = 0
        var na = 0
        var optimal = 0
        var twotoi = 1
        var idx = 0
        while twotoi > 0 && arrayKeys > twotoi / 2 {
            a += nums[idx]
            if a > twotoi / 2 {
                optimal = twotoi
                na = a
            }
            idx += 1
            twotoi *= 2
        }
        try resize(arraySize: optimal, hashSize: totalKeys - na, in: L)
    }

    package func resize(arraySize newArraySize: Int, hashSize: Int, in L: LuaState) throws(LuaError) {
        let oldArraySize = arraySize
        let oldArray = array
        let oldNode = body.pointee.node
        let oldNodeCount = nodeCount
        let oldIsDummy = body.pointee.nodeIsDummy
        // Allocate the new hash part first (may throw; the table is untouched then).
        var newNode = dummyNode
        var newLog2 = 0
        if hashSize > 0 {
            newLog2 = ceilLog2(hashSize)
            if newLog2 > 30 { throw L.runtimeError("table overflow") }
            let count = 1 << newLog2
            newNode = try L.allocateBlock(Node.self, count: count)
            for j in 0..<count { (newNode + j).initialize(to: Node(value: .nil, key: .nil, next: 0)) }
        }
        // The new array part too is allocated before anything is read out of the old parts: an
        // allocation may run an emergency collection, which clears the dead entries of a weak
        // table there (and frees their objects).
        var newArray: UnsafeMutablePointer<Value>? = oldArray
        if newArraySize != oldArraySize {
            do {
                newArray = newArraySize > 0 ? try L.allocateBlock(Value.self, count: newArraySize) : nil
            } catch {
                if hashSize > 0 { L.freeBlock(newNode, count: 1 << newLog2) }
                throw error
            }
        }
        // Items of a shrinking array part move to the hash part afterwards.
        var vanishing: [Value] = []
        if newArraySize < oldArraySize {
            vanishing = Array(UnsafeBufferPointer(start: oldArray! + newArraySize, count: oldArraySize - newArraySize))
        }
        if newArraySize != oldArraySize {
            let kept = min(oldArraySize, newArraySize)
            if let newArray {
                if kept > 0 { newArray.moveInitialize(from: oldArray!, count: kept) }
                if newArraySize > kept { (newArray + kept).initialize(repeating: .nil, count: newArraySize - kept) }
            }
            if let oldArray { L.freeBlock(oldArray, count: oldArraySize) }
        }
        body.pointee.array = newArraySize > 0 ? newArray : nil
        body.pointee.arraySize = UInt32(newArraySize)
        body.pointee.node = newNode
        body.pointee.nodeLog2 = UInt8(newLog2)
        body.pointee.nodeIsDummy = hashSize == 0
        body.pointee.lastFree = hashSize == 0 ? 0 : Int32(1 << newLog2)
        for (j, v) in vanishing.enumerated() where v.tag != .nil {
            let p = try! slotNoResize(Value(Int64(newArraySize + j + 1)), in: L)
            p.pointee = v
        }
        // Re-insert the old hash entries.
        if !oldIsDummy {
            for j in (0..<oldNodeCount).reversed() {
                let old = oldNode + j
                if old.pointee.value.tag != .nil {
                    let p = try! slotNoResize(old.pointee.key, in: L)
                    p.pointee = old.pointee.value
                }
            }
            L.freeBlock(oldNode, count: oldNodeCount)
        }
    }

    /// Insertion during a resize, when the new parts are known to be large enough.
    private func slotNoResize(_ key: Value, in L: LuaState) throws(LuaError) -> UnsafeMutablePointer<Value> {
        if let p = slot(key, seed: L.seed) { return p }
        return try newKey(key, in: L)
    }

    // MARK: Length and traversal

    /// luaH_getn: a border of the table.
    package func length() -> Int64 {
        var j = arraySize
        if j > 0 && array![j - 1].tag == .nil {
            var i = 0
            while j - i > 1 {
                let m = (i + j) / 2
                if array![m - 1].tag == .nil { j = m } else { i = m }
            }
            return Int64(i)
        }
        if body.pointee.nodeIsDummy { return Int64(j) }
        // unbound_search
        var i = Int64(j)
        var k = i + 1
        while get(integer: k) != nil {
            i = k
            if k > Int64.max / 2 {
                var n: Int64 = 1
                while get(integer: n) != nil { n += 1 }
                return n - 1
            }
            k *= 2
        }
        while k - i > 1 {
            let m = (i + k) / 2
            if get(integer: m) == nil { k = m } else { i = m }
        }
        return i
    }

    /// Index of a key in traversal order (array part then nodes); -1 for nil (start).
    private func traversalIndex(_ key: Value, in L: LuaState) throws(LuaError) -> Int {
        if key.tag == .nil { return -1 }
        if key.tag == .integer, key.integer > 0, key.integer <= Int64(arraySize) { return Int(key.integer) - 1 }
        var k = key
        if k.tag == .float, let i = L.numbers.integer(fromFloat: k.float) { k = Value(i) }
        if !body.pointee.nodeIsDummy {
            var p = mainPosition(hash: hashKey(k, seed: L.seed))
            while true {
                let nk = p.pointee.key
                if nk.rawEquals(k) || (nk.tag == .deadKey && k.isObject && nk.payload == k.payload) {
                    return arraySize + (p - node)
                }
                let nx = p.pointee.next
                if nx == 0 { break }
                p += Int(nx)
            }
        }
        throw L.runtimeError("invalid key to 'next'")
    }

    /// luaH_next: the entry after `key`, or nil at the end.
    package func next(after key: Value, in L: LuaState) throws(LuaError) -> (Value, Value)? {
        var i = try traversalIndex(key, in: L) + 1
        while i < arraySize {
            if array![i].tag != .nil { return (Value(Int64(i + 1)), array![i]) }
            i += 1
        }
        i -= arraySize
        let n = nodeCount
        while i < n {
            let p = node + i
            if p.pointee.value.tag != .nil { return (p.pointee.key, p.pointee.value) }
            i += 1
        }
        return nil
    }

    /// Bytes used by the array and hash parts (the table object itself excluded).
    @inline(__always) package var partsSize: Int { arraySize * MemoryLayout<Value>.stride + nodeCount * MemoryLayout<Node>.stride }
}

/// ceil(log2(x)) for x >= 1.
package func ceilLog2(_ x: Int) -> Int {
    if x <= 1 { return 0 }
    return Int.bitWidth - (x - 1).leadingZeroBitCount
}
