/// Soft functions (the `softmodule` library): a Lua closure whose code lives in a `.lc` file and
/// is loaded when it is called. The closure object itself never changes identity: only its
/// prototype pointer moves between a small *stub* prototype and the loaded code, so every
/// reference to the function (module fields, locals captured by other functions, itself for
/// recursion) keeps working, and its upvalue cells stay the ones the module shares.
///
/// `ProtoLayout.Header.softFlags` of a prototype says how it takes part; 0 for every ordinary
/// prototype and for every image prototype (the image verifier insists). A stub and flushed code
/// have a trailer after their laid-out sections, at the offset stored in
/// `ProtoLayout.Header.trailerOffset` (cached code has none); see `SoftTrailerLayout`.
///
/// A stub has its function's parameters, frame size, source and lines, and no code, constants
/// or upvalue descriptors (the closure holds its upvalues; their names are in the file): every
/// call of a stub goes through `precall`, which loads the code first.
/// Its file is `<module file base>.<function name>.lc`; both strings are shared (the base by the
/// module's stubs, the name with the module table's key), so a stub costs little beyond its
/// header.
package enum SoftFlags {
    /// Placeholder: the code is in a file and loaded by the next call.
    package static let stub: UInt8 = 1
    /// Loaded code of a load-and-discard function: the stub comes back when its last frame ends.
    package static let flushed: UInt8 = 2
    /// Loaded code of a load-and-retain function: an ordinary prototype from now on.
    package static let cached: UInt8 = 4
    /// States a call must look at (the interpreter's fast call path leaves them to `precall`).
    package static let callMask: UInt8 = stub | flushed
}

/// The trailer of a heap prototype, which lives only on the heap (`trailerOffset` from the
/// prototype's start, right after its sections; `Proto.trailerSize` bytes, zeroed first). Every
/// heap prototype has one, so `trailerOffset` is nonzero exactly for heap prototypes (the image
/// verifier insists on 0 in an image). Its first word is the closure cache (lvm.c's `p->cache`:
/// the last closure CLOSURE made from this prototype, a weak reference the collector clears,
/// VM/ClosureCache.swift); a soft prototype's state follows:
///
///     plain:    0                  8
///               +------------------+
///               | closureCache ptr |  ordinary and cached code
///               +------------------+
///     stub:     0                  8                16                 24                 28                 32        33    40
///               +------------------+----------------+------------------+------------------+------------------+---------+-----+
///               | closureCache ptr | moduleBase ptr | functionName ptr | activeFrames i32 | codeChecksum u32 | mode u8 | pad |
///               +------------------+----------------+------------------+------------------+------------------+---------+-----+
///     flushed:  0                  8          16
///               +------------------+----------+
///               | closureCache ptr | stub ptr |  the stub prototype, which the closure gets back when its last frame ends
///               +------------------+----------+
///
/// (A stub or flushed code is never a CLOSURE child, so its cache stays empty; the word is there
/// so every trailer starts the same way.) The pointers are plain addresses of heap objects
/// (strings, the stub prototype), which the collector marks through the prototype
/// (Memory/Collector.swift), except the cache, which it never marks; the stub's two strings give
/// the `.lc` file's name (`Proto.codePath`), the checksum is the CRC-32 of that file at
/// injection and `mode` a `SoftMode`.
package enum SoftTrailerLayout {
    /// First in every trailer: the closure cache (nil or a Lua closure object).
    @inline(__always) package static var closureCache: Int { 0 }
    @inline(__always) package static var closureCacheSize: Int { MemoryLayout<UnsafeMutableRawPointer>.size }

    package enum Plain {
        @inline(__always) package static var size: Int { closureCache + closureCacheSize }
    }

    package enum Stub {
        @inline(__always) package static var moduleBase: Int { closureCache + closureCacheSize }
        @inline(__always) package static var functionName: Int { moduleBase + MemoryLayout<UnsafeMutableRawPointer>.size }
        @inline(__always) package static var activeFrames: Int { functionName + MemoryLayout<UnsafeMutableRawPointer>.size }
        @inline(__always) package static var codeChecksum: Int { activeFrames + MemoryLayout<Int32>.size }
        @inline(__always) package static var mode: Int { codeChecksum + MemoryLayout<UInt32>.size }
        /// Padded to 8, so the block stays a multiple of 8 bytes.
        @inline(__always) package static var size: Int { (mode + MemoryLayout<UInt8>.size + 7) & ~7 }
    }

    package enum Flushed {
        @inline(__always) package static var stub: Int { closureCache + closureCacheSize }
        @inline(__always) package static var size: Int { stub + MemoryLayout<UnsafeMutableRawPointer>.size }
    }
}

package enum SoftMode: UInt8 {
    case flushed = 1
    case cached = 2
}

extension Proto {
    @inline(__always) package var softFlags: UInt8 {
        get { raw.load(fromByteOffset: ProtoLayout.Header.softFlags, as: UInt8.self) }
        nonmutating set { raw.storeBytes(of: newValue, toByteOffset: ProtoLayout.Header.softFlags, as: UInt8.self) }
    }

    /// Neither vararg nor soft: the interpreter may set up the frame itself (one load, one test
    /// of the little-endian word of the four byte fields from `numParams` to `softFlags`).
    @inline(__always) package var isPlainFixedCall: Bool {
        raw.load(fromByteOffset: ProtoLayout.Header.numParams, as: UInt32.self) & Proto.varargOrSoftCallBits == 0
    }

    /// The bits of `isVararg` and of the call-relevant `softFlags` in that word.
    @inline(__always) static var varargOrSoftCallBits: UInt32 {
        let h = ProtoLayout.Header.self
        return UInt32(0xFF) << (8 * (h.isVararg - h.numParams)) | UInt32(SoftFlags.callMask) << (8 * (h.softFlags - h.numParams))
    }

    /// The heap trailer's size (closure cache included) for a soft state (0 for none).
    package static func trailerSize(softFlags: UInt8) -> Int {
        softFlags & SoftFlags.stub != 0
            ? SoftTrailerLayout.Stub.size
            : softFlags & SoftFlags.flushed != 0 ? SoftTrailerLayout.Flushed.size : SoftTrailerLayout.Plain.size
    }

    /// What the heap model charges for the trailer: all of it natively; on the NodeMCU model only
    /// the soft state, since lua5.3's `Proto` (`NodeMCU32.proto`) already holds `cache`.
    package static func trailerCharge(softFlags: UInt8, model: HeapModel) -> Int {
        trailerSize(softFlags: softFlags) - (model == .native ? 0 : SoftTrailerLayout.closureCacheSize)
    }

    /// The closure cache (heap prototypes only: an image prototype has no trailer, and its cache
    /// is the state's side table, VM/ClosureCache.swift).
    @inline(__always) package var closureCache: UnsafeMutableRawPointer? {
        get { trailer.load(fromByteOffset: SoftTrailerLayout.closureCache, as: UnsafeMutableRawPointer?.self) }
        nonmutating set {
            trailer.storeBytes(of: newValue, toByteOffset: SoftTrailerLayout.closureCache, as: UnsafeMutableRawPointer?.self)
        }
    }

    /// The stored trailer offset: 0 exactly for image prototypes.
    @inline(__always) package var storedTrailerOffset: Int {
        Int(raw.load(fromByteOffset: ProtoLayout.Header.trailerOffset, as: UInt32.self))
    }

    package var trailer: UnsafeMutableRawPointer {
        raw + Int(raw.load(fromByteOffset: ProtoLayout.Header.trailerOffset, as: UInt32.self))
    }

    /// Gives a heap prototype laid out with `Proto.trailerSize` spare bytes its trailer, empty
    /// closure cache and soft state (newProto).
    package func setSoftState(_ flags: UInt8, trailerAt offset: Int) {
        softFlags = flags
        raw.storeBytes(of: UInt32(offset), toByteOffset: ProtoLayout.Header.trailerOffset, as: UInt32.self)
        trailer.initializeMemory(as: UInt8.self, repeating: 0, count: Proto.trailerSize(softFlags: flags))
    }

    // A stub's trailer (the trailer's fields through two helpers, so each line names its field).
    @inline(__always) private func trailerField<T>(_ field: Int, as type: T.Type) -> T { trailer.load(fromByteOffset: field, as: type) }
    @inline(__always) private func setTrailerField<T>(_ field: Int, to value: T) {
        trailer.storeBytes(of: value, toByteOffset: field, as: T.self)
    }

    package var moduleBase: LuaString {
        get { LuaString(trailerField(SoftTrailerLayout.Stub.moduleBase, as: UnsafeMutableRawPointer.self)) }
        nonmutating set { setTrailerField(SoftTrailerLayout.Stub.moduleBase, to: newValue.raw) }
    }
    package var functionName: LuaString {
        get { LuaString(trailerField(SoftTrailerLayout.Stub.functionName, as: UnsafeMutableRawPointer.self)) }
        nonmutating set { setTrailerField(SoftTrailerLayout.Stub.functionName, to: newValue.raw) }
    }
    package var activeFrames: Int32 {
        get { trailerField(SoftTrailerLayout.Stub.activeFrames, as: Int32.self) }
        nonmutating set { setTrailerField(SoftTrailerLayout.Stub.activeFrames, to: newValue) }
    }
    package var codeChecksum: UInt32 {
        get { trailerField(SoftTrailerLayout.Stub.codeChecksum, as: UInt32.self) }
        nonmutating set { setTrailerField(SoftTrailerLayout.Stub.codeChecksum, to: newValue) }
    }
    package var softMode: SoftMode {
        get { SoftMode(rawValue: trailerField(SoftTrailerLayout.Stub.mode, as: UInt8.self)) ?? .flushed }
        nonmutating set { setTrailerField(SoftTrailerLayout.Stub.mode, to: newValue.rawValue) }
    }
    /// The `.lc` file a stub loads.
    package var codePath: String { softCodePath(base: moduleBase.swiftString, name: functionName.swiftString) }

    // A flushed function's loaded code: its stub.
    package var stub: Proto {
        get { Proto(trailerField(SoftTrailerLayout.Flushed.stub, as: UnsafeMutableRawPointer.self)) }
        nonmutating set { setTrailerField(SoftTrailerLayout.Flushed.stub, to: newValue.raw) }
    }
}

extension LuaClosure {
    /// Moves a soft closure between its stub and its loaded code.
    @inline(__always) package func setProto(_ p: Proto) {
        raw.storeBytes(of: p.raw, toByteOffset: LuaClosureLayout.proto, as: UnsafeMutableRawPointer.self)
    }
}

/// `dir/mod` and `f` give `dir/mod.f.lc`: where softmodule keeps a module function's code.
package func softCodePath(base: String, name: String) -> String { base + "." + name + ".lc" }
