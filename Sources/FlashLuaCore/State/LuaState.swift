import CFlashLuaShim
import FlashLuaBytecode
@_exported import enum FlashLuaText.NumberModel

/// Tag methods (metamethod events) in ltm.h order; the first six are cached as "absent" bits in
/// a table's flags byte.
package enum TagMethod: Int, CaseIterable {
    case index = 0
    case newindex, gc, mode, len, eq
    case add, sub, mul, mod, pow, div, idiv, band, bor, bxor, shl, shr, unm, bnot, lt, le, concat, call
    case close_unused

    package var name: StaticString {
        switch self {
        case .index: "__index"
        case .newindex: "__newindex"
        case .gc: "__gc"
        case .mode: "__mode"
        case .len: "__len"
        case .eq: "__eq"
        case .add: "__add"
        case .sub: "__sub"
        case .mul: "__mul"
        case .mod: "__mod"
        case .pow: "__pow"
        case .div: "__div"
        case .idiv: "__idiv"
        case .band: "__band"
        case .bor: "__bor"
        case .bxor: "__bxor"
        case .shl: "__shl"
        case .shr: "__shr"
        case .unm: "__unm"
        case .bnot: "__bnot"
        case .lt: "__lt"
        case .le: "__le"
        case .concat: "__concat"
        case .call: "__call"
        case .close_unused: "__close"
        }
    }
}

/// A Lua state: the global state shared by all its threads (heap, string table, registry) plus
/// the thread currently running. This is the embedding API's entry point.
/// State the VM touches constantly, kept behind a pointer: class stored properties would cost a
/// dynamic exclusivity check on every access. Swift lays it out and every access goes through
/// its field names (`hot.pointee.totalBytes`), so no offset of it is written down anywhere; the
/// per-thread hot fields (hook mask, stack, frames) are in ThreadBody (Objects/LuaThread.swift).
@usableFromInline struct HotState {
    package var totalBytes = 0
    package var heapLimit = Int.max
    var gcThreshold = 64 * 1024
    var gcBlocked = 0
    var gcRunning = false
    var gcStopped = false
    package var seed: UInt32 = 0x5f3a_91c7
    @usableFromInline package var current: UnsafeMutableRawPointer? = nil
    var allObjects: UnsafeMutableRawPointer? = nil
    var recentIndex = 0
    package var heapModel: HeapModel = .native
    /// What `totalBytes` holds for the string table's bucket array (0 in the native model).
    package var chargedStringTableBytes = 0
    /// The closure cache of image prototypes (VM/ClosureCache.swift); nil until needed.
    package var imageClosureCache: UnsafeMutablePointer<ClosureCacheEntry>? = nil
    /// Set by `requestInterrupt` (a signal handler): the next hooked instruction raises
    /// "interrupted!".
    var interruptRequested = false
}

public final class LuaState {
    @usableFromInline let hot: UnsafeMutablePointer<HotState> = {
        let p = UnsafeMutablePointer<HotState>.allocate(capacity: 1)
        p.initialize(to: HotState())
        return p
    }()

    // MARK: Heap accounting
    /// Bytes of every live heap object and block.
    public package(set) var totalBytes: Int {
        get { hot.pointee.totalBytes }
        set { hot.pointee.totalBytes = newValue }
    }
    /// Allocation beyond this raises "not enough memory" (after an emergency collection).
    public var heapLimit: Int {
        get { hot.pointee.heapLimit }
        set { hot.pointee.heapLimit = newValue }
    }
    var gcThreshold: Int {
        get { hot.pointee.gcThreshold }
        set { hot.pointee.gcThreshold = newValue }
    }
    var gcPause: Int = 200
    /// Bytes that stand for firmware, not for the program (a device's libraries, which NodeMCU
    /// keeps in ROM): the collector's pause applies to the bytes above them. 0 outside devices.
    public var heapBaseline = 0
    var gcStepMultiplier: Int = 200
    var gcStopped: Bool {
        get { hot.pointee.gcStopped }
        set { hot.pointee.gcStopped = newValue }
    }
    /// > 0 while the collector must not run (inside a collection, while building objects).
    var gcBlocked: Int {
        get { hot.pointee.gcBlocked }
        set { hot.pointee.gcBlocked = newValue }
    }
    var gcRunning: Bool {
        get { hot.pointee.gcRunning }
        set { hot.pointee.gcRunning = newValue }
    }
    var allObjects: UnsafeMutableRawPointer? {
        get { hot.pointee.allObjects }
        set { hot.pointee.allObjects = newValue }
    }
    var finalizable: UnsafeMutableRawPointer?
    var toBeFinalized: [UnsafeMutableRawPointer] = []
    let stringTablePointer: UnsafeMutablePointer<StringTable> = {
        let p = UnsafeMutablePointer<StringTable>.allocate(capacity: 1)
        p.initialize(to: StringTable())
        return p
    }()
    /// The RAM string table (addressed through a pointer: no exclusivity checks).
    package var strings: StringTable {
        unsafeAddress { UnsafePointer(stringTablePointer) }
        unsafeMutableAddress { stringTablePointer }
    }
    /// Collector work lists, behind a pointer for the same reason as HotState.
    let collector: UnsafeMutablePointer<CollectorState> = {
        let p = UnsafeMutablePointer<CollectorState>.allocate(capacity: 1)
        p.initialize(to: CollectorState())
        return p
    }()
    /// Values the host keeps alive outside Lua (embedding API references).
    package var extraRoots: [Value] = []
    /// Libraries' own objects (State/Attachments.swift).
    var attachments: [StateAttachment] = []
    /// Files, clocks and environment, as the host provides them.
    public var host = HostServices()
    package var ipairsIterator: Value = .nil
    /// The base library's own `tostring`: print may skip calling it for plain values.
    package var builtinToString: Value = .nil
    /// Objects referenced from Swift through LuaReference (roots for the collector).
    package var references: [Int: Value] = [:]
    package var nextReferenceID = 1
    package var lastTraceback: [UInt8]?
    /// The last objects allocated stay alive through the next collections: a native may hold a
    /// new object in a Swift local for a moment before storing it anywhere the collector looks.
    let recentObjects: UnsafeMutablePointer<UnsafeMutableRawPointer?> = {
        let p = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 16)
        p.initialize(repeating: nil, count: 16)
        return p
    }()
    /// Threads alive (the main one included); the sweep closes upvalues of dead ones.
    package var threadCount = 0
    /// Running frames of load-and-discard soft functions, in all threads (VM/SoftCalls.swift).
    package var softFrames = 0
    var recentIndex: Int {
        get { hot.pointee.recentIndex }
        set { hot.pointee.recentIndex = newValue }
    }
    package var nextFunction: Value = .nil
    package var seed: UInt32 {
        get { hot.pointee.seed }
        set { hot.pointee.seed = newValue }
    }

    // MARK: Global objects
    package var registry: LuaTable!
    package var globals: LuaTable!
    @usableFromInline package var mainThread: LuaThread!
    /// The running thread.
    @usableFromInline package var current: LuaThread! {
        @inlinable get { LuaThread(hot.pointee.current.unsafelyUnwrapped) }
        set { hot.pointee.current = newValue?.raw }
    }
    /// Metatables of non-table types, indexed by ValueTag.
    package let typeMetatables: UnsafeMutablePointer<LuaTable?> = {
        let p = UnsafeMutablePointer<LuaTable?>.allocate(capacity: 16)
        p.initialize(repeating: nil, count: 16)
        return p
    }()
    /// Interned "__index", "__add", ... in TagMethod order.
    package let tagMethodNames: UnsafeMutablePointer<LuaString?> = {
        let p = UnsafeMutablePointer<LuaString?>.allocate(capacity: TagMethod.allCases.count)
        p.initialize(repeating: nil, count: TagMethod.allCases.count)
        return p
    }()
    package var memoryErrorMessage: LuaString!
    /// The mounted LFS image: its modules, and its ROM string table consulted after the RAM table.
    public let flashImage: FlashImage?
    /// Error value in flight (rooted while a LuaError unwinds Swift frames).
    package var errorValue: Value = .nil
    /// Where `print` and `io.write` bytes go; the default writes to the process's stdout.
    public var writeOutput: (UnsafeBufferPointer<UInt8>) -> Void = { bytes in
        _ = flua_write(1, bytes.baseAddress, bytes.count)
    }

    /// How this state computes (lua5.3's 64-bit integers and doubles, or NodeMCU's 32-bit
    /// integers and floats): fixed at creation. The interpreter loop is specialized per model;
    /// libraries and slow paths read it here.
    public let numbers: NumberModel

    /// A state with no libraries opened. The image is mounted before the first string exists, so
    /// no RAM copy of an image string can exist, and its hash seed becomes the state's.
    public init(bare heapLimit: Int, flashImage: FlashImage? = nil, numbers: NumberModel = .int64Double) throws(LuaError) {
        self.numbers = numbers
        self.flashImage = flashImage
        self.heapLimit = heapLimit
        if let flashImage { seed = flashImage.seed }
        gcBlocked += 1
        defer { gcBlocked -= 1 }
        memoryErrorMessage = try newFixedString("not enough memory")
        for tm in TagMethod.allCases { tagMethodNames[tm.rawValue] = try newFixedString(tm.name) }
        mainThread = try newThread()
        current = mainThread
        registry = try newTable(arraySize: 2, hashSize: 0)
        registry.array![0] = Value(mainThread)
        globals = try newTable(arraySize: 0, hashSize: 64)
        registry.array![1] = Value(globals)
    }

    deinit {
        freeImageClosureCache()
        freeAllObjects()
        releaseAttachments()
        hot.deallocate()
        stringTablePointer.deallocate()
        collector.deinitialize(count: 1)
        collector.deallocate()
        typeMetatables.deallocate()
        tagMethodNames.deallocate()
        recentObjects.deallocate()
    }

    // MARK: Raw allocation

    /// Makes room for `size` more bytes: collect when past the threshold or the limit.
    @inline(__always) package func reserve(_ size: Int) throws(LuaError) {
        if size > heapLimit &- totalBytes { try emergencyCollect(needing: size) }
    }

    /// Collects (an emergency collection) if `size` more bytes would pass the limit, without
    /// failing: for work that then allocates with the collector blocked, whose size is an upper
    /// bound that need not fit exactly.
    package func makeRoom(_ size: Int) {
        if size > heapLimit &- totalBytes && gcBlocked == 0 && !gcRunning { fullCollect(emergency: true) }
    }

    package func emergencyCollect(needing size: Int) throws(LuaError) {
        if gcBlocked == 0 && !gcRunning { fullCollect(emergency: true) }
        if size > heapLimit &- totalBytes {
            throw LuaError(.memory, Value(memoryErrorMessage))
        }
    }

    /// Allocates a collectable object of `size` bytes with an initialized header, linked into the
    /// object list (short strings go to the string table instead). The heap is charged `charge`
    /// bytes (the heap model's figure for the object), kept in the header for the refund.
    package func allocateObject(_ size: Int, charge: Int, tag: ValueTag, link: Bool = true) throws(LuaError) -> UnsafeMutableRawPointer {
        try reserve(charge)
        let p = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        totalBytes += charge
        p.header.initialize(to: ObjectHeader(next: nil, tag: tag, marks: 0, flags: 0, extra: 0, size: UInt32(charge)))
        if link {
            p.header.pointee.next = allObjects
            allObjects = p
        }
        keepRecent(p)
        return p
    }

    /// Puts an object among the recent allocations, which the next emergency collections keep
    /// alive: for one that Swift code holds for a moment where nothing else may reach it.
    @inline(__always) package func keepRecent(_ p: UnsafeMutableRawPointer) {
        recentObjects[recentIndex & 15] = p
        recentIndex &+= 1
    }

    /// Allocates a block of `count` elements, charged as the heap model counts such a block.
    package func allocateBlock<T: HeapBlockElement>(_ type: T.Type, count: Int) throws(LuaError) -> UnsafeMutablePointer<T> {
        // Sizes can come from untrusted bytecode (NEWTABLE operands): no overflow traps.
        let (_, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        if overflow || count < 0 { throw LuaError(.memory, Value(memoryErrorMessage)) }
        let charge = heapModel.bytes(T.heapItem(count: count))
        try reserve(charge)
        totalBytes += charge
        return UnsafeMutablePointer<T>.allocate(capacity: count)
    }

    package func freeBlock<T: HeapBlockElement>(_ p: UnsafeMutablePointer<T>, count: Int) {
        totalBytes -= heapModel.bytes(T.heapItem(count: count))
        p.deallocate()
    }

    /// Moves `oldCount` (or `newCount` if smaller) elements to a new block; trivial types only.
    package func reallocateBlock<T: HeapBlockElement>(_ p: UnsafeMutablePointer<T>?, oldCount: Int, newCount: Int) throws(LuaError)
        -> UnsafeMutablePointer<T>?
    {
        if newCount == 0 {
            if let p { freeBlock(p, count: oldCount) }
            return nil
        }
        let q = try allocateBlock(T.self, count: newCount)
        if let p {
            q.moveInitialize(from: p, count: min(oldCount, newCount))
            freeBlock(p, count: oldCount)
        }
        return q
    }

    // MARK: Strings

    /// The string with these bytes: an interned short string (RAM or ROM) or a new long string.
    package func newString(_ bytes: UnsafeBufferPointer<UInt8>) throws(LuaError) -> LuaString {
        if bytes.count <= LuaString.maxShortLength {
            let h = LuaString.computeHash(bytes, seed: seed)
            if let s = strings.find(bytes, hash: h) {
                // Possibly garbage, reached by nothing: kept as a new string would be, until the
                // caller stores it (setField's key, then the table grows and collects).
                keepRecent(s.raw)
                return s
            }
            if let rom = flashImage, let s = rom.findString(bytes, hash: h) { return s }
            try reserveStringTableGrowth()
            let s = try makeString(bytes, tag: .shortString, hash: h)
            let buckets = strings.size
            strings.insert(s)
            if strings.size != buckets { stringTableResized() }
            return s
        }
        return try makeString(bytes, tag: .longString, hash: 0)
    }

    package func newString(_ bytes: [UInt8]) throws(LuaError) -> LuaString {
        try bytes.withUnsafeBufferPointer { b throws(LuaError) in try newString(b) }
    }

    package func newString(_ s: StaticString) throws(LuaError) -> LuaString {
        try newString(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    package func newString(_ s: String) throws(LuaError) -> LuaString {
        try newString(Array(s.utf8))
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>, tag: ValueTag, hash: UInt32) throws(LuaError) -> LuaString {
        let size = StringLayout.size(length: bytes.count)
        let p = try allocateObject(size, charge: heapModel.bytes(.string(length: bytes.count)), tag: tag, link: tag == .longString)
        p.storeBytes(of: nil, toByteOffset: StringLayout.hashNext, as: UnsafeMutableRawPointer?.self)
        p.storeBytes(of: hash, toByteOffset: StringLayout.hash, as: UInt32.self)
        p.storeBytes(of: UInt32(bytes.count), toByteOffset: StringLayout.length, as: UInt32.self)
        let dst = (p + StringLayout.bytes).assumingMemoryBound(to: UInt8.self)
        if bytes.count > 0 { dst.update(from: bytes.baseAddress!, count: bytes.count) }
        dst[bytes.count] = 0
        return LuaString(p)
    }

    /// A long-string buffer to fill in place (concatenation); call `finishString` afterwards.
    package func newStringBuffer(count: Int) throws(LuaError) -> (UnsafeMutablePointer<UInt8>, UnsafeMutableRawPointer) {
        let size = StringLayout.size(length: count)
        let p = try allocateObject(size, charge: heapModel.bytes(.string(length: count)), tag: .longString, link: false)
        p.storeBytes(of: UInt32(count), toByteOffset: StringLayout.length, as: UInt32.self)
        let dst = (p + StringLayout.bytes).assumingMemoryBound(to: UInt8.self)
        dst[count] = 0
        return (dst, p)
    }

    /// Turns a filled buffer into a string; short results are interned (and the buffer freed).
    package func finishString(_ p: UnsafeMutableRawPointer) throws(LuaError) -> LuaString {
        let n = Int(p.load(fromByteOffset: StringLayout.length, as: UInt32.self))
        let bytes = UnsafeBufferPointer(start: (p + StringLayout.bytes).assumingMemoryBound(to: UInt8.self), count: n)
        if n <= LuaString.maxShortLength {
            let h = LuaString.computeHash(bytes, seed: seed)
            if let s = strings.find(bytes, hash: h) ?? flashImage?.findString(bytes, hash: h) {
                for i in 0..<16 where recentObjects[i] == p { recentObjects[i] = nil }
                totalBytes -= Int(p.header.pointee.size)
                p.deallocate()
                // Possibly garbage: kept as a new string would be (a ROM string is never freed).
                keepRecent(s.raw)
                return s
            }
            p.header.pointee.tag = .shortString
            p.storeBytes(of: h, toByteOffset: StringLayout.hash, as: UInt32.self)
            p.storeBytes(of: nil, toByteOffset: StringLayout.hashNext, as: UnsafeMutableRawPointer?.self)
            let s = LuaString(p)
            let buckets = strings.size
            strings.insert(s)
            if strings.size != buckets { stringTableResized() }
            return s
        }
        p.storeBytes(of: 0, toByteOffset: StringLayout.hash, as: UInt32.self)
        p.header.pointee.next = allObjects
        allObjects = p
        return LuaString(p)
    }

    package func newFixedString(_ s: StaticString) throws(LuaError) -> LuaString {
        let str = try newString(s)
        // A ROM string (the image holds this name) is never collected and must not be written.
        if !str.isReadOnly { str.raw.header.pointee.marks |= ObjectMarks.fixed }
        return str
    }

    // MARK: Objects

    package func newTable(arraySize: Int = 0, hashSize: Int = 0) throws(LuaError) -> LuaTable {
        let p = try allocateObject(MemoryLayout<TableBody>.stride, charge: heapModel.bytes(.table), tag: .table)
        let body = p.assumingMemoryBound(to: TableBody.self)
        body.pointee.metatable = nil
        body.pointee.array = nil
        body.pointee.node = dummyNode
        body.pointee.lastFree = 0
        body.pointee.arraySize = 0
        body.pointee.nodeLog2 = 0
        body.pointee.nodeIsDummy = true
        let t = LuaTable(p)
        if arraySize > 0 || hashSize > 0 { try t.resize(arraySize: arraySize, hashSize: hashSize, in: self) }
        return t
    }

    package func newLuaClosure(_ proto: Proto, upvalues n: Int) throws(LuaError) -> LuaClosure {
        let p = try allocateObject(LuaClosure.size(upvalues: n), charge: heapModel.bytes(.luaClosure(upvalues: n)), tag: .luaFunction)
        p.storeBytes(of: proto.raw, toByteOffset: LuaClosureLayout.proto, as: UnsafeMutableRawPointer.self)
        p.header.pointee.extra = UInt8(n)
        // Until filled, upvalue slots point at nothing the collector would follow.
        let ups = (p + LuaClosureLayout.upvalues).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        for i in 0..<n { ups[i] = nil }
        return LuaClosure(p)
    }

    package func newUpvalue(closedValue: Value = .nil) throws(LuaError) -> Upvalue {
        let p = try allocateObject(MemoryLayout<UpvalueBody>.stride, charge: heapModel.bytes(.upvalue), tag: .upvalue)
        let u = Upvalue(p)
        u.body.pointee.closed = closedValue
        u.body.pointee.pointer = u.closedSlot
        u.body.pointee.openNext = nil
        u.body.pointee.stackIndex = -1
        return u
    }

    package func newNativeClosure(_ f: @escaping NativeFunction, upvalues n: Int = 0) throws(LuaError) -> NativeClosure {
        let p = try allocateObject(
            NativeClosure.size(upvalues: n), charge: heapModel.bytes(.nativeClosure(upvalues: n)), tag: .nativeFunction)
        (p + NativeClosureLayout.function).assumingMemoryBound(to: NativeFunction.self).initialize(to: f)
        p.header.pointee.extra = UInt8(n)
        let ups = (p + NativeClosureLayout.upvalues).assumingMemoryBound(to: Value.self)
        for i in 0..<n { ups[i] = .nil }
        return NativeClosure(p)
    }

    package func newUserdata(length: Int) throws(LuaError) -> Userdata {
        let p = try allocateObject(UserdataLayout.size(length: length), charge: heapModel.bytes(.userdata(length: length)), tag: .userdata)
        let u = Userdata(p)
        u.metatable = nil
        u.userValue = .nil
        p.storeBytes(of: length, toByteOffset: UserdataLayout.length, as: Int.self)
        return u
    }

    package func newThread() throws(LuaError) -> LuaThread {
        // Room for the object and its three blocks first: once the object is linked, no emergency
        // collection may run (it would traverse the half-built thread) and no allocation may fail
        // (the sweep would free an uninitialized body).
        let model = heapModel
        try reserve(
            model.bytes(.thread) + model.bytes(.values(count: StackLimits.initialSize))
                + model.bytes(.callInfoBlock(count: callInfoSegmentSize)) + model.bytes(.callInfoIndex(entries: 4)))
        gcBlocked += 1
        defer { gcBlocked -= 1 }
        let p = try allocateObject(MemoryLayout<ThreadBody>.stride, charge: model.bytes(.thread), tag: .thread)
        threadCount += 1
        let body = p.assumingMemoryBound(to: ThreadBody.self)
        let stack: UnsafeMutablePointer<Value>
        let cis: UnsafeMutablePointer<CallInfo>
        let segments: UnsafeMutablePointer<UnsafeMutablePointer<CallInfo>>
        do {
            stack = try allocateBlock(Value.self, count: StackLimits.initialSize)
            cis = try allocateBlock(CallInfo.self, count: callInfoSegmentSize)
            segments = try allocateBlock(UnsafeMutablePointer<CallInfo>.self, count: 4)
        }
        segments.initialize(to: cis)
        stack.initialize(repeating: .nil, count: StackLimits.initialSize)
        body.initialize(
            to: ThreadBody(
                header: p.header.pointee, stack: stack, stackSize: StackLimits.initialSize, top: 1,
                callInfoSegments: segments, callInfoSegmentTableCapacity: 4,
                // The device model charges frames one by one: only the base frame at first.
                callInfoCapacity: model == .native ? callInfoSegmentSize : 1, ciIndex: 0, openUpvalues: nil, status: .ok,
                nativeDepth: 0, nonYieldable: 1, resumer: nil, hookFunction: .nil, hookMask: 0,
                allowHook: true, hookCount: 0, hookCountdown: 0, errorFunction: 0, lastPC: 0))
        // The base frame: a native frame holding the entry function slot 0.
        cis.initialize(
            to: CallInfo(function: 0, base: 1, top: 1 + StackLimits.minNative, savedPC: nil, wanted: 0, flags: 0, continuation: 0))
        return LuaThread(p)
    }

    /// Lays out a compiled function tree as heap prototypes (children first). Each gets a trailer
    /// after its sections: an empty closure cache, and for a root with soft flags its soft state
    /// (Objects/SoftFunction.swift).
    package func newProto(_ f: FunctionDescription, softFlags: UInt8 = 0) throws(LuaError) -> Proto {
        gcBlocked += 1
        defer { gcBlocked -= 1 }
        // One source string for the whole tree, as lua5.3 shares it: a long source name (load
        // names a chunk by its own text) would otherwise be copied into every function.
        let source = try f.source.map { s throws(LuaError) in (bytes: s, string: try newString(s)) }
        return try newProto(f, source: source, softFlags: softFlags)
    }

    package func newProto(_ f: FunctionDescription, source: (bytes: [UInt8], string: LuaString)?, softFlags: UInt8 = 0) throws(LuaError)
        -> Proto
    {
        var children: [Proto] = []
        for c in f.protos { children.append(try newProto(c, source: source)) }
        let layout = ProtoLayout(f)
        let trailer = Proto.trailerSize(softFlags: softFlags)
        // Linked only once it is complete: a prototype whose write failed ("not enough memory" for
        // one of its strings) holds unwritten references, and must never be traversed (as one of
        // the recent objects an emergency collection marks) or swept.
        let charge =
            (heapModel == .native ? layout.totalSize : heapModel.bytes(.proto(ProtoShape(f))))
            + Proto.trailerCharge(softFlags: softFlags, model: heapModel)
        let p = try allocateObject(layout.totalSize + trailer, charge: charge, tag: .proto, link: false)
        do {
            try layout.write(
                f, at: p,
                string: { (s: [UInt8]) throws(LuaError) -> UnsafeRawPointer in
                    if let source, s == source.bytes { return UnsafeRawPointer(source.string.raw) }
                    return UnsafeRawPointer(try self.newString(s).raw)
                },
                child: { (i: Int) throws(LuaError) -> UnsafeRawPointer in UnsafeRawPointer(children[i].raw) })
        } catch {
            for i in 0..<16 where recentObjects[i] == p { recentObjects[i] = nil }
            totalBytes -= Int(p.header.pointee.size)
            p.deallocate()
            throw error
        }
        // Every heap prototype has a trailer (its closure cache, then any soft state).
        Proto(p).setSoftState(softFlags, trailerAt: layout.totalSize)
        p.header.pointee.next = allObjects
        allObjects = p
        return Proto(p)
    }

    // MARK: Metatables and metamethods

    @inline(__always) package func metatable(of v: Value) -> LuaTable? {
        switch v.tag {
        case .table: return v.table.metatable
        case .userdata: return v.userdata.metatable
        default: return typeMetatables[Int(v.tag == .longString ? ValueTag.shortString.rawValue : v.tag.rawValue)]
        }
    }

    package func setTypeMetatable(_ tag: ValueTag, _ mt: LuaTable?) {
        let t = tag == .longString ? ValueTag.shortString : (tag == .float ? ValueTag.integer : tag)
        typeMetatables[Int(t.rawValue)] = mt
        if tag == .integer || tag == .float {
            typeMetatables[Int(ValueTag.float.rawValue)] = mt
            typeMetatables[Int(ValueTag.integer.rawValue)] = mt
        }
        if tag == .shortString || tag == .longString { typeMetatables[Int(ValueTag.longString.rawValue)] = mt }
        if tag == .luaFunction || tag == .nativeFunction {
            typeMetatables[Int(ValueTag.luaFunction.rawValue)] = mt
            typeMetatables[Int(ValueTag.nativeFunction.rawValue)] = mt
        }
    }

    /// A metamethod of a metatable, using the absent-bits cache for the first six events.
    @inline(__always) package func fastTagMethod(_ mt: LuaTable?, _ event: TagMethod) -> Value? {
        guard let mt else { return nil }
        if mt.flags & (1 << UInt8(event.rawValue)) != 0 { return nil }
        if let p = mt.get(shortString: tagMethodNames[event.rawValue].unsafelyUnwrapped) { return p.pointee }
        if event.rawValue <= TagMethod.eq.rawValue { mt.flags |= 1 << UInt8(event.rawValue) }
        return nil
    }

    /// The metamethod for `event` of value v, or nil.
    package func tagMethod(_ v: Value, _ event: TagMethod) -> Value? {
        guard let mt = metatable(of: v) else { return nil }
        if let p = mt.get(shortString: tagMethodNames[event.rawValue].unsafelyUnwrapped) { return p.pointee }
        return nil
    }

    // MARK: Stack

    /// Makes sure the running thread has n free slots above top.
    @inline(__always) package func ensureStack(_ n: Int) throws(LuaError) {
        let t = current!
        if t.body.pointee.top + n + StackLimits.extra > t.body.pointee.stackSize { try growStack(t, n) }
    }

    package func growStack(_ t: LuaThread, _ n: Int) throws(LuaError) {
        let size = t.body.pointee.stackSize
        if size > StackLimits.maxSize { throw LuaError(.handler, Value(try newString("error in error handling"))) }
        let needed = t.top + n + StackLimits.extra
        var newSize = max(2 * size, needed)
        if newSize > StackLimits.maxSize { newSize = StackLimits.maxSize }
        if needed > StackLimits.maxSize {
            try reallocateStack(t, StackLimits.errorSize)
            throw runtimeError("stack overflow")
        }
        try reallocateStack(t, newSize)
    }

    package func reallocateStack(_ t: LuaThread, _ newSize: Int) throws(LuaError) {
        let oldSize = t.body.pointee.stackSize
        let old = t.stack
        let new = try allocateBlock(Value.self, count: newSize)
        new.moveInitialize(from: old, count: min(oldSize, newSize))
        if newSize > oldSize { (new + oldSize).initialize(repeating: .nil, count: newSize - oldSize) }
        freeBlock(old, count: oldSize)
        t.body.pointee.stack = new
        t.body.pointee.stackSize = newSize
        var u = t.body.pointee.openUpvalues
        while let up = u {
            let uv = Upvalue(up)
            uv.body.pointee.pointer = new + uv.body.pointee.stackIndex
            u = uv.body.pointee.openNext
        }
    }

    /// Makes room for more frames (existing frames do not move). Frames live in segments; the
    /// native model counts whole segments, the device model each frame as the thread first
    /// reaches its depth (lstate.c luaE_extendCI), so there the capacity grows one at a time.
    package func addCallInfoSegment(_ t: LuaThread) throws(LuaError) {
        let b = t.body
        let capacity = b.pointee.callInfoCapacity
        let native = heapModel == .native
        let frameCharge = native ? 0 : heapModel.bytes(.frames(count: 1))
        if frameCharge > 0 { try reserve(frameCharge) }
        if capacity & (callInfoSegmentSize - 1) == 0 {
            let count = capacity >> callInfoSegmentShift
            if count == b.pointee.callInfoSegmentTableCapacity {
                let table = b.pointee.callInfoSegmentTableCapacity
                b.pointee.callInfoSegments = try reallocateBlock(b.pointee.callInfoSegments, oldCount: table, newCount: table * 2)!
                b.pointee.callInfoSegmentTableCapacity = table * 2
            }
            let segment = try allocateBlock(CallInfo.self, count: callInfoSegmentSize)
            b.pointee.callInfoSegments[count] = segment
        }
        totalBytes += frameCharge
        b.pointee.callInfoCapacity = native ? (capacity | (callInfoSegmentSize - 1)) + 1 : capacity + 1
    }

    /// Pushes a new CallInfo on the running thread.
    @inline(__always) package func pushCallInfo(_ ci: CallInfo) throws(LuaError) -> UnsafeMutablePointer<CallInfo> {
        let t = current!
        let b = t.body
        if b.pointee.ciIndex + 1 >= b.pointee.callInfoCapacity {
            let cap = b.pointee.callInfoCapacity
            // Every frame takes at least two value-stack slots, so the value stack's limit (with
            // its extra room for error handling) is met first; this is only a backstop.
            if cap >= StackLimits.maxSize { throw LuaError(.handler, Value(try newString("error in error handling"))) }
            try addCallInfoSegment(t)
        }
        b.pointee.ciIndex += 1
        let p = t.callInfo(b.pointee.ciIndex)
        // A plain store: CallInfo is trivial, and `initialize(to:)` was left as an out-of-line
        // generic call that cost more than the rest of a call.
        p.pointee = ci
        return p
    }

    // MARK: Errors

    /// A runtime error with "chunk:line:" of the running Lua function prepended, as luaG_runerror.
    @usableFromInline package func runtimeError(_ message: String) -> LuaError {
        var msg: [UInt8] = []
        appendPosition(level: 0, into: &msg)
        msg.append(contentsOf: message.utf8)
        return errorWithMessage(msg)
    }

    package func errorWithMessage(_ bytes: [UInt8]) -> LuaError {
        do {
            let s = try newString(bytes)
            return raise(Value(s))
        } catch {
            return error
        }
    }
}
