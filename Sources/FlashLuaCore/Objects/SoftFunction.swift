/// Soft functions (the `softmodule` library): a Lua closure whose code lives in a `.lc` file and
/// is loaded when it is called. The closure object itself never changes identity: only its
/// prototype pointer moves between a small *stub* prototype and the loaded code, so every
/// reference to the function (module fields, locals captured by other functions, itself for
/// recursion) keeps working, and its upvalue cells stay the ones the module shares.
///
/// Byte 19 of a prototype (`softFlags`) says how it takes part; 0 for every ordinary prototype
/// and for every image prototype (the image verifier insists). A stub and flushed code have a
/// trailer after their laid-out sections, at the offset stored at byte 76 (cached code has none):
///
///     stub:             module file base | function name | active frames i32 | checksum of
///                       the .lc u32 | mode u8 | pad (32 bytes; the two strings are references)
///     loaded (flushed): stub reference (8 bytes)
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

package enum SoftMode: UInt8 {
    case flushed = 1
    case cached = 2
}

extension Proto {
    @inline(__always) package var softFlags: UInt8 {
        get { raw.load(fromByteOffset: 19, as: UInt8.self) }
        nonmutating set { raw.storeBytes(of: newValue, toByteOffset: 19, as: UInt8.self) }
    }

    /// Neither vararg nor soft: the interpreter may set up the frame itself (one load, one test).
    @inline(__always) package var isPlainFixedCall: Bool {
        raw.load(fromByteOffset: 16, as: UInt32.self) & (0xFF00 | UInt32(SoftFlags.callMask) << 24) == 0
    }

    package static func trailerSize(softFlags: UInt8) -> Int {
        softFlags & SoftFlags.stub != 0 ? 32 : softFlags & SoftFlags.flushed != 0 ? 8 : 0
    }

    package var trailer: UnsafeMutableRawPointer { raw + Int(raw.load(fromByteOffset: 76, as: UInt32.self)) }

    /// Gives a prototype laid out with `Proto.trailerSize` spare bytes its soft state (newProto).
    package func setSoftState(_ flags: UInt8, trailerAt offset: Int) {
        softFlags = flags
        raw.storeBytes(of: UInt32(offset), toByteOffset: 76, as: UInt32.self)
        trailer.initializeMemory(as: UInt8.self, repeating: 0, count: Proto.trailerSize(softFlags: flags))
    }

    // A stub's trailer.
    package var moduleBase: LuaString {
        get { LuaString(trailer.load(as: UnsafeMutableRawPointer.self)) }
        nonmutating set { trailer.storeBytes(of: newValue.raw, as: UnsafeMutableRawPointer.self) }
    }
    package var functionName: LuaString {
        get { LuaString(trailer.load(fromByteOffset: 8, as: UnsafeMutableRawPointer.self)) }
        nonmutating set { trailer.storeBytes(of: newValue.raw, toByteOffset: 8, as: UnsafeMutableRawPointer.self) }
    }
    package var activeFrames: Int32 {
        get { trailer.load(fromByteOffset: 16, as: Int32.self) }
        nonmutating set { trailer.storeBytes(of: newValue, toByteOffset: 16, as: Int32.self) }
    }
    package var codeChecksum: UInt32 {
        get { trailer.load(fromByteOffset: 20, as: UInt32.self) }
        nonmutating set { trailer.storeBytes(of: newValue, toByteOffset: 20, as: UInt32.self) }
    }
    package var softMode: SoftMode {
        get { SoftMode(rawValue: trailer.load(fromByteOffset: 24, as: UInt8.self)) ?? .flushed }
        nonmutating set { trailer.storeBytes(of: newValue.rawValue, toByteOffset: 24, as: UInt8.self) }
    }
    /// The `.lc` file a stub loads.
    package var codePath: String { softCodePath(base: moduleBase.swiftString, name: functionName.swiftString) }

    // A flushed function's loaded code: its stub.
    package var stub: Proto {
        get { Proto(trailer.load(as: UnsafeMutableRawPointer.self)) }
        nonmutating set { trailer.storeBytes(of: newValue.raw, as: UnsafeMutableRawPointer.self) }
    }
}

extension LuaClosure {
    /// Moves a soft closure between its stub and its loaded code.
    @inline(__always) package func setProto(_ p: Proto) { raw.storeBytes(of: p.raw, toByteOffset: 16, as: UnsafeMutableRawPointer.self) }
}

/// `dir/mod` and `f` give `dir/mod.f.lc`: where softmodule keeps a module function's code.
package func softCodePath(base: String, name: String) -> String { base + "." + name + ".lc" }
