/// One activation record (ldo.c's CallInfo). Positions are stack indices, so they survive
/// stack reallocation.
@usableFromInline package struct CallInfo {
    /// Stack index of the called function value; results are moved here on return.
    @usableFromInline package var function: Int
    /// First register (Lua) or first argument (native).
    @usableFromInline package var base: Int
    /// Highest stack index this frame may use.
    package var top: Int
    /// Lua frames: the next instruction (prototypes never move, so a pointer is stable).
    package var savedPC: UnsafePointer<UInt32>?
    /// Results the caller wants; -1 = all.
    package var wanted: Int
    package var flags: UInt16
    /// Native frames interrupted by a yield: what to do when resumed (see Coroutines.swift).
    package var continuation: UInt8
    /// Saved state for the continuation (pcall: the previous message handler).
    package var extra: Int = 0

    /// `continuation` of a native (dofile) that returns all values from stack index `extra` up.
    package static let returnAllContinuation: UInt8 = 3

    package static let isLua: UInt16 = 1
    /// Entered from Swift (a native call into Lua): returning from it leaves `execute`.
    package static let fresh: UInt16 = 2
    /// Called by a tail call.
    package static let tail: UInt16 = 4
    /// A protected call (pcall/xpcall) frame that catches errors after a resume.
    package static let protected: UInt16 = 8
    /// Running a finalizer.
    package static let finalizer: UInt16 = 16
    /// A hook is running in this frame.
    package static let hooked: UInt16 = 32
    /// `a <= b` is being computed as `not (b < a)`: negate the metamethod's result when finishing.
    package static let lessEqualByLessThan: UInt16 = 64
}

package enum ThreadStatus: UInt8 {
    case ok = 0
    case yielded, dead
}

/// A thread object's body. Swift lays it out (nothing reads it by literal offset: the VM goes
/// through `LuaThread.body`); the header comes first, as in every object. LayoutTests pins these
/// offsets, so a change to them is noticed (the hook fields sit in `hookFunction`'s tail padding):
///
///       0 header (ObjectHeader)     16 stack ptr               24 stackSize
///      32 top                       40 callInfoSegments ptr    48 callInfoSegmentTableCapacity
///      56 callInfoCapacity          64 ciIndex                 72 openUpvalues ptr
///      80 status u8                 88 nativeDepth             96 nonYieldable
///     104 resumer ptr              112 hookFunction (Value: payload 112, tag 120)
///     121 hookMask u8              122 allowHook               128 hookCount
///     136 hookCountdown            144 errorFunction           152 lastPC         160 end
@usableFromInline package struct ThreadBody {
    package var header: ObjectHeader
    @usableFromInline package var stack: UnsafeMutablePointer<Value>
    package var stackSize: Int
    @usableFromInline package var top: Int
    /// Call frames live in fixed segments of `callInfoSegmentSize` that never move, so a frame
    /// pointer held by a running `execute` stays valid while deeper calls add segments.
    @usableFromInline package var callInfoSegments: UnsafeMutablePointer<UnsafeMutablePointer<CallInfo>>
    package var callInfoSegmentTableCapacity: Int
    /// Frames usable without growing: whole segments in the native heap model, the deepest frame
    /// reached so far + 1 in the device model (which charges frames one by one); the segments
    /// allocated are this rounded up to whole segments.
    package var callInfoCapacity: Int
    @usableFromInline package var ciIndex: Int
    package var openUpvalues: UnsafeMutableRawPointer?
    package var status: ThreadStatus
    /// Native (Swift-recursive) call depth, as nCcalls.
    package var nativeDepth: Int
    /// Depth of non-yieldable native calls (nny): > 0 means yield is refused.
    @usableFromInline package var nonYieldable: Int
    /// The thread that resumed this one (for coroutine.running/isyieldable bookkeeping).
    package var resumer: UnsafeMutableRawPointer?
    /// Hook state (debug.sethook).
    package var hookFunction: Value
    package var hookMask: UInt8
    package var allowHook: Bool
    package var hookCount: Int
    package var hookCountdown: Int
    package var errorFunction: Int
    /// Last pc seen by the line hook.
    package var lastPC: Int
}

/// A Lua thread (coroutine): its own value stack and call stack.
@usableFromInline package struct LuaThread: Equatable {
    @usableFromInline package let raw: UnsafeMutableRawPointer
    @inlinable @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    @inlinable @inline(__always) package var body: UnsafeMutablePointer<ThreadBody> { raw.assumingMemoryBound(to: ThreadBody.self) }

    @inlinable @inline(__always) package var stack: UnsafeMutablePointer<Value> { body.pointee.stack }
    @inlinable @inline(__always) package var top: Int {
        get { body.pointee.top }
        nonmutating set { body.pointee.top = newValue }
    }
    @inlinable @inline(__always) package var ci: UnsafeMutablePointer<CallInfo> { callInfo(body.pointee.ciIndex) }
    @inlinable @inline(__always) package func callInfo(_ index: Int) -> UnsafeMutablePointer<CallInfo> {
        body.pointee.callInfoSegments[index >> callInfoSegmentShift] + (index & (callInfoSegmentSize - 1))
    }
    @inlinable @inline(__always) package var ciIndex: Int { body.pointee.ciIndex }
    @inline(__always) package var status: ThreadStatus {
        get { body.pointee.status }
        nonmutating set { body.pointee.status = newValue }
    }

    @inlinable @inline(__always) package func push(_ v: Value) {
        stack[body.pointee.top] = v
        body.pointee.top += 1
    }

    @inline(__always) package subscript(_ i: Int) -> Value {
        get { stack[i] }
        nonmutating set { stack[i] = newValue }
    }
}

@usableFromInline package let callInfoSegmentShift = 3
@usableFromInline package let callInfoSegmentSize = 1 << callInfoSegmentShift

package enum StackLimits {
    package static let initialSize = 40
    package static let maxSize = 1_000_000
    package static let extra = 5
    package static let minNative = 20
    package static let errorSize = maxSize + 200
    package static let maxNativeDepth = 200
}
