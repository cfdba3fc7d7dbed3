/// An upvalue: while open it points at a stack slot of a live frame; once closed it points at its
/// own `closed` field. Open upvalues of a thread form a list sorted by stack slot, highest first.
struct UpvalueBody {
    var header: ObjectHeader
    var pointer: UnsafeMutablePointer<Value>
    var closed: Value
    var openNext: UnsafeMutableRawPointer?
    var stackIndex: Int
}

struct Upvalue: Equatable {
    let raw: UnsafeMutableRawPointer
    @inline(__always) init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    @inline(__always) var body: UnsafeMutablePointer<UpvalueBody> { raw.assumingMemoryBound(to: UpvalueBody.self) }
    @inline(__always) var pointer: UnsafeMutablePointer<Value> { body.pointee.pointer }
    @inline(__always) var isOpen: Bool { body.pointee.pointer != closedSlot }
    var closedSlot: UnsafeMutablePointer<Value> {
        (raw + MemoryLayout<UpvalueBody>.offset(of: \UpvalueBody.closed)!).assumingMemoryBound(to: Value.self)
    }
}

/// A Lua function value: a prototype (heap or image) plus its upvalues, stored inline.
/// Layout: header (16) | proto (8) | upvalue pointers (8 each); header.extra = upvalue count.
struct LuaClosure: Equatable {
    let raw: UnsafeMutableRawPointer
    @inline(__always) init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    static let upvaluesOffset = 24

    @inline(__always) var proto: Proto { Proto(raw.load(fromByteOffset: 16, as: UnsafeMutableRawPointer.self)) }
    @inline(__always) var upvalueCount: Int { Int(raw.header.pointee.extra) }
    var upvalues: UnsafeMutablePointer<UnsafeMutableRawPointer> {
        (raw + LuaClosure.upvaluesOffset).assumingMemoryBound(to: UnsafeMutableRawPointer.self)
    }
    @inline(__always) func upvalue(_ i: Int) -> Upvalue { Upvalue(upvalues[i]) }
    @inline(__always) static func size(upvalues n: Int) -> Int { upvaluesOffset + 8 * n }
}

/// A Swift function callable from Lua. It reads its arguments from the current frame of the
/// running thread and returns how many results it pushed.
public typealias NativeFunction = (LuaState) throws(LuaError) -> Int

/// A native function value: the Swift closure plus upvalue Values stored inline.
/// Layout: header (16) | function (16) | upvalues (16 each); header.extra = upvalue count.
struct NativeClosure: Equatable {
    let raw: UnsafeMutableRawPointer
    @inline(__always) init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    static let functionOffset = 16
    /// header.flags bit: this native may be unwound by a yield and finished later (pcall, yield).
    static let yieldableFlag: UInt8 = 1
    static let upvaluesOffset = 32

    var function: NativeFunction {
        (raw + NativeClosure.functionOffset).assumingMemoryBound(to: NativeFunction.self).pointee
    }
    @inline(__always) var upvalueCount: Int { Int(raw.header.pointee.extra) }
    var upvalues: UnsafeMutablePointer<Value> {
        (raw + NativeClosure.upvaluesOffset).assumingMemoryBound(to: Value.self)
    }
    @inline(__always) static func size(upvalues n: Int) -> Int { upvaluesOffset + 16 * n }
}

/// Full userdata: a block of bytes with a metatable and a user value.
/// Layout: header (16) | metatable (8) | user value (16) | length (8) | bytes.
struct Userdata: Equatable {
    let raw: UnsafeMutableRawPointer
    @inline(__always) init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    static let dataOffset = 48
    @inline(__always) var metatable: LuaTable? {
        get { raw.load(fromByteOffset: 16, as: UnsafeMutableRawPointer?.self).map(LuaTable.init) }
        nonmutating set { raw.storeBytes(of: newValue?.raw, toByteOffset: 16, as: UnsafeMutableRawPointer?.self) }
    }
    @inline(__always) var userValue: Value {
        get { (raw + 24).assumingMemoryBound(to: Value.self).pointee }
        nonmutating set { (raw + 24).assumingMemoryBound(to: Value.self).pointee = newValue }
    }
    @inline(__always) var length: Int { raw.load(fromByteOffset: 40, as: Int.self) }
    @inline(__always) var data: UnsafeMutableRawPointer { raw + Userdata.dataOffset }
}
