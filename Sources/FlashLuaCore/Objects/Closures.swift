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

/// A Lua closure object (always on the heap; its prototype may be in an image):
///
///      0               16           24
///     +---------------+------------+--------------------------------------+
///     | object header | proto ptr  | upvalue ptr x n (Upvalue objects)    |
///     +---------------+------------+--------------------------------------+
///
/// n is `header.extra`; a soft closure's `proto` moves between stub and code (SoftFunction.swift).
package enum LuaClosureLayout {
    @inline(__always) package static var proto: Int { ObjectHeaderLayout.size }
    @inline(__always) package static var upvalues: Int { proto + MemoryLayout<UnsafeMutableRawPointer>.size }
    @inline(__always) package static var upvalueSize: Int { MemoryLayout<UnsafeMutableRawPointer>.size }
    @inline(__always) package static func size(upvalues n: Int) -> Int { upvalues + upvalueSize * n }
}

/// A Lua function value: a prototype (heap or image) plus its upvalues (`LuaClosureLayout`).
package struct LuaClosure: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }

    @inline(__always) package var proto: Proto { Proto(raw.load(fromByteOffset: LuaClosureLayout.proto, as: UnsafeMutableRawPointer.self)) }
    @inline(__always) package var upvalueCount: Int { Int(raw.header.pointee.extra) }
    package var upvalues: UnsafeMutablePointer<UnsafeMutableRawPointer> {
        (raw + LuaClosureLayout.upvalues).assumingMemoryBound(to: UnsafeMutableRawPointer.self)
    }
    @inline(__always) package func upvalue(_ i: Int) -> Upvalue { Upvalue(upvalues[i]) }
    @inline(__always) package static func size(upvalues n: Int) -> Int { LuaClosureLayout.size(upvalues: n) }
}

/// A Swift function callable from Lua. It reads its arguments from the current frame of the
/// running thread and returns how many results it pushed.
public typealias NativeFunction = (LuaState) throws(LuaError) -> Int

/// A native closure object (heap only):
///
///      0               16                          32
///     +---------------+---------------------------+----------------------+
///     | object header | function (Swift closure)  | upvalue Value x n    |
///     +---------------+---------------------------+----------------------+
///
/// n is `header.extra`; `function` is a Swift value (context reference included), initialized
/// when the object is made and deinitialized when it is freed (Memory/Collector.swift).
@usableFromInline package enum NativeClosureLayout {
    @inlinable @inline(__always) package static var function: Int { ObjectHeaderLayout.size }
    @inlinable @inline(__always) package static var upvalues: Int { function + MemoryLayout<NativeFunction>.stride }
    @inline(__always) package static func size(upvalues n: Int) -> Int { upvalues + MemoryLayout<Value>.stride * n }
}

/// A native function value: the Swift closure plus upvalue Values stored inline
/// (`NativeClosureLayout`).
@usableFromInline package struct NativeClosure: Equatable {
    @usableFromInline package let raw: UnsafeMutableRawPointer
    @inlinable @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    /// header.flags bit: this native may be unwound by a yield and finished later (pcall, yield).
    package static let yieldableFlag: UInt8 = 1

    package var function: NativeFunction {
        (raw + NativeClosureLayout.function).assumingMemoryBound(to: NativeFunction.self).pointee
    }
    @inline(__always) package var upvalueCount: Int { Int(raw.header.pointee.extra) }
    @inlinable package var upvalues: UnsafeMutablePointer<Value> {
        (raw + NativeClosureLayout.upvalues).assumingMemoryBound(to: Value.self)
    }
    @inline(__always) package static func size(upvalues n: Int) -> Int { NativeClosureLayout.size(upvalues: n) }
}

/// A full userdata object (heap only):
///
///      0               16              24                 40           48
///     +---------------+---------------+------------------+------------+------------------+
///     | object header | metatable ptr | user value Value | length Int | data (length)... |
///     +---------------+---------------+------------------+------------+------------------+
///
/// `data` is 16-byte aligned (objects are), so libraries keep Swift structs there.
package enum UserdataLayout {
    @inline(__always) package static var metatable: Int { ObjectHeaderLayout.size }
    @inline(__always) package static var userValue: Int { metatable + MemoryLayout<UnsafeMutableRawPointer?>.size }
    @inline(__always) package static var length: Int { userValue + MemoryLayout<Value>.stride }
    @inline(__always) package static var data: Int { length + MemoryLayout<Int>.size }
    @inline(__always) package static func size(length n: Int) -> Int { data + n }
}

/// Full userdata: a block of bytes with a metatable and a user value (`UserdataLayout`).
package struct Userdata: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    @inline(__always) package var metatable: LuaTable? {
        get { raw.load(fromByteOffset: UserdataLayout.metatable, as: UnsafeMutableRawPointer?.self).map(LuaTable.init) }
        nonmutating set { raw.storeBytes(of: newValue?.raw, toByteOffset: UserdataLayout.metatable, as: UnsafeMutableRawPointer?.self) }
    }
    @inline(__always) package var userValue: Value {
        get { (raw + UserdataLayout.userValue).assumingMemoryBound(to: Value.self).pointee }
        nonmutating set { (raw + UserdataLayout.userValue).assumingMemoryBound(to: Value.self).pointee = newValue }
    }
    @inline(__always) package var length: Int { raw.load(fromByteOffset: UserdataLayout.length, as: Int.self) }
    @inline(__always) package var data: UnsafeMutableRawPointer { raw + UserdataLayout.data }
}
