/// Lua 5.3's closure cache (lvm.c getcached/pushclosure): CLOSURE reuses the last closure made
/// from a prototype when all its upvalues would be the same (the same upvalue objects; for an
/// upvalue of the running frame, the open upvalue of the same stack slot), so a loop that makes a
/// function capturing nothing that changes makes one closure and no garbage.
///
/// The cache is weak, as lgc.c's traverseproto makes it: it never keeps a closure alive. The
/// collector notes every traversed prototype with a cached closure and, once marking is over and
/// before the sweep, empties the entries whose closure is unmarked (Memory/Collector.swift), so a
/// freed closure is never left in a cache. (lua5.3 clears the entry when the prototype is
/// traversed while the closure is still white, which may also drop a closure marked later; here
/// an entry survives exactly when its closure does.)
///
/// Where the entry lives:
/// - a heap prototype: the first word of its trailer (`SoftTrailerLayout.closureCache`);
/// - an image prototype, which is never written: `imageClosureCache`, a small direct-mapped table
///   of the state keyed by the prototype's address, allocated (and charged to the heap) at the
///   first CLOSURE of an image prototype. An LFS application's functions are all image
///   prototypes, and on a device each closure costs heap (and its collection time), so they are
///   cached too, as lua5.3 (whose `cache` field NodeMCU keeps in RAM for flash prototypes)
///   caches every prototype. A collision only replaces the older entry: a miss makes a closure.
///
/// A hit also insists that the closure still has this prototype: softmodule's injection moves a
/// closure to a stub (Objects/SoftFunction.swift), and such a closure must not come back as a
/// closure of the code it left.
package struct ClosureCacheEntry: HeapBlockElement {
    package var proto: UnsafeMutableRawPointer?
    package var closure: UnsafeMutableRawPointer?
    /// Two pointers: a value slot's worth (16 bytes native, 8 on the 32-bit device).
    package static func heapItem(count: Int) -> HeapItem { .values(count: count) }
}

extension LuaState {
    /// Kept in the hot state (a raw pointer's field: no exclusivity check in the interpreter).
    @inline(__always) package var imageClosureCache: UnsafeMutablePointer<ClosureCacheEntry>? {
        get { hot.pointee.imageClosureCache }
        set { hot.pointee.imageClosureCache = newValue }
    }

    /// Entries of `imageClosureCache` (a power of two).
    package static var imageClosureCacheCount: Int { 32 }

    @inline(__always) static func imageCacheSlot(_ p: Proto) -> Int {
        let a = UInt(bitPattern: p.raw)
        return Int(truncatingIfNeeded: (a >> 3) ^ (a >> 9)) & (imageClosureCacheCount - 1)
    }

    /// The cached closure of `p`, if its upvalues are the ones CLOSURE in the frame of `parent`
    /// (registers at `base`) would give a new closure (getcached).
    @inline(__always) func cachedClosure(
        _ p: Proto, parent: LuaClosure, base: UnsafeMutablePointer<Value>
    ) -> LuaClosure? {
        let cached: UnsafeMutableRawPointer
        if p.storedTrailerOffset != 0 {
            guard let c = p.closureCache else { return nil }
            cached = c
        } else {
            guard let table = imageClosureCache else { return nil }
            let e = table + LuaState.imageCacheSlot(p)
            guard e.pointee.proto == p.raw, let c = e.pointee.closure else { return nil }
            cached = c
        }
        let c = LuaClosure(cached)
        if c.proto != p { return nil }
        for u in 0..<p.upvalueCount {
            let up = c.upvalues[u]
            let index = p.upvalueIndex(u)
            if p.upvalueInStack(u) {
                if Upvalue(up).pointer != base + index { return nil }
            } else if up != parent.upvalues[index] {
                return nil
            }
        }
        return c
    }

    /// Makes `c` the cached closure of its prototype `p` (pushclosure's `p->cache = ncl`).
    @inline(__always) func cacheClosure(_ c: LuaClosure, of p: Proto) {
        if p.storedTrailerOffset != 0 {
            p.closureCache = c.raw
        } else if let table = imageClosureCache {
            let e = table + LuaState.imageCacheSlot(p)
            e.pointee = ClosureCacheEntry(proto: p.raw, closure: c.raw)
        }
    }

    /// The image prototypes' table, made before the first closure of one (a failure to get its
    /// room only means no caching).
    func makeImageClosureCache() {
        guard imageClosureCache == nil,
            let table = try? allocateBlock(ClosureCacheEntry.self, count: LuaState.imageClosureCacheCount)
        else { return }
        table.initialize(repeating: ClosureCacheEntry(proto: nil, closure: nil), count: LuaState.imageClosureCacheCount)
        imageClosureCache = table
    }

    func freeImageClosureCache() {
        guard let table = imageClosureCache else { return }
        imageClosureCache = nil
        freeBlock(table, count: LuaState.imageClosureCacheCount)
    }

    /// After marking, before the sweep: empties every entry whose closure is not marked.
    func clearDeadClosureCaches(_ protos: [UnsafeMutableRawPointer]) {
        for raw in protos {
            let p = Proto(raw)
            if let c = p.closureCache, c.header.pointee.marks & ObjectMarks.marked == 0 { p.closureCache = nil }
        }
        guard let table = imageClosureCache else { return }
        for i in 0..<LuaState.imageClosureCacheCount {
            if let c = table[i].closure, c.header.pointee.marks & ObjectMarks.marked == 0 {
                table[i] = ClosureCacheEntry(proto: nil, closure: nil)
            }
        }
    }
}
