/// An upvalue: while open it points at a stack slot of a live frame; once closed it points at its
/// own `closed` field. Open upvalues of a thread form a list sorted by stack slot, highest first.
package struct UpvalueBody {
    package var header: ObjectHeader
    package var pointer: UnsafeMutablePointer<Value>
    package var closed: Value
    package var openNext: UnsafeMutableRawPointer?
    package var stackIndex: Int
}

package struct Upvalue: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    @inline(__always) package var body: UnsafeMutablePointer<UpvalueBody> { raw.assumingMemoryBound(to: UpvalueBody.self) }
    @inline(__always) package var pointer: UnsafeMutablePointer<Value> { body.pointee.pointer }
    @inline(__always) package var isOpen: Bool { body.pointee.pointer != closedSlot }
    package var closedSlot: UnsafeMutablePointer<Value> {
        (raw + MemoryLayout<UpvalueBody>.offset(of: \UpvalueBody.closed)!).assumingMemoryBound(to: Value.self)
    }
}

/// A Lua function value: a prototype (heap or image) plus its upvalues, stored inline.
/// Layout: header (16) | proto (8) | upvalue pointers (8 each); header.extra = upvalue count.
package struct LuaClosure: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    package static let upvaluesOffset = 24

    @inline(__always) package var proto: Proto { Proto(raw.load(fromByteOffset: 16, as: UnsafeMutableRawPointer.self)) }
    @inline(__always) package var upvalueCount: Int { Int(raw.header.pointee.extra) }
    package var upvalues: UnsafeMutablePointer<UnsafeMutableRawPointer> {
        (raw + LuaClosure.upvaluesOffset).assumingMemoryBound(to: UnsafeMutableRawPointer.self)
    }
    @inline(__always) package func upvalue(_ i: Int) -> Upvalue { Upvalue(upvalues[i]) }
    @inline(__always) package static func size(upvalues n: Int) -> Int { upvaluesOffset + 8 * n }
}

/// A Swift function callable from Lua. It reads its arguments from the current frame of the
/// running thread and returns how many results it pushed.
public typealias NativeFunction = (LuaState) throws(LuaError) -> Int

/// A native function value: the Swift closure plus upvalue Values stored inline.
/// Layout: header (16) | function (16) | upvalues (16 each); header.extra = upvalue count.
@usableFromInline package struct NativeClosure: Equatable {
    @usableFromInline package let raw: UnsafeMutableRawPointer
    @inlinable @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    package static let functionOffset = 16
    /// header.flags bit: this native may be unwound by a yield and finished later (pcall, yield).
    package static let yieldableFlag: UInt8 = 1
    @usableFromInline package static let upvaluesOffset = 32

    package var function: NativeFunction {
        (raw + NativeClosure.functionOffset).assumingMemoryBound(to: NativeFunction.self).pointee
    }
    @inline(__always) package var upvalueCount: Int { Int(raw.header.pointee.extra) }
    @inlinable package var upvalues: UnsafeMutablePointer<Value> {
        (raw + NativeClosure.upvaluesOffset).assumingMemoryBound(to: Value.self)
    }
    @inline(__always) package static func size(upvalues n: Int) -> Int { upvaluesOffset + 16 * n }
}

/// Full userdata: a block of bytes with a metatable and a user value.
/// Layout: header (16) | metatable (8) | user value (16) | length (8) | bytes.
package struct Userdata: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    package static let dataOffset = 48
    @inline(__always) package var metatable: LuaTable? {
        get { raw.load(fromByteOffset: 16, as: UnsafeMutableRawPointer?.self).map(LuaTable.init) }
        nonmutating set { raw.storeBytes(of: newValue?.raw, toByteOffset: 16, as: UnsafeMutableRawPointer?.self) }
    }
    @inline(__always) package var userValue: Value {
        get { (raw + 24).assumingMemoryBound(to: Value.self).pointee }
        nonmutating set { (raw + 24).assumingMemoryBound(to: Value.self).pointee = newValue }
    }
    @inline(__always) package var length: Int { raw.load(fromByteOffset: 40, as: Int.self) }
    @inline(__always) package var data: UnsafeMutableRawPointer { raw + Userdata.dataOffset }
}
