/// One activation record (ldo.c's CallInfo). Positions are stack indices, so they survive
/// stack reallocation.
struct CallInfo {
    /// Stack index of the called function value; results are moved here on return.
    var function: Int
    /// First register (Lua) or first argument (native).
    var base: Int
    /// Highest stack index this frame may use.
    var top: Int
    /// Lua frames: the next instruction (prototypes never move, so a pointer is stable).
    var savedPC: UnsafePointer<UInt32>?
    /// Results the caller wants; -1 = all.
    var wanted: Int
    var flags: UInt16
    /// Native frames interrupted by a yield: what to do when resumed (see Coroutines.swift).
    var continuation: UInt8
    /// Saved state for the continuation (pcall: the previous message handler).
    var extra: Int = 0

    /// `continuation` of a native (dofile) that returns all values from stack index `extra` up.
    static let returnAllContinuation: UInt8 = 3

    static let isLua: UInt16 = 1
    /// Entered from Swift (a native call into Lua): returning from it leaves `execute`.
    static let fresh: UInt16 = 2
    /// Called by a tail call.
    static let tail: UInt16 = 4
    /// A protected call (pcall/xpcall) frame that catches errors after a resume.
    static let protected: UInt16 = 8
    /// Running a finalizer.
    static let finalizer: UInt16 = 16
    /// A hook is running in this frame.
    static let hooked: UInt16 = 32
    /// `a <= b` is being computed as `not (b < a)`: negate the metamethod's result when finishing.
    static let lessEqualByLessThan: UInt16 = 64
}

enum ThreadStatus: UInt8 {
    case ok = 0
    case yielded, dead
}

struct ThreadBody {
    var header: ObjectHeader
    var stack: UnsafeMutablePointer<Value>
    var stackSize: Int
    var top: Int
    /// Call frames live in fixed segments of `callInfoSegmentSize` that never move, so a frame
    /// pointer held by a running `execute` stays valid while deeper calls add segments.
    var callInfoSegments: UnsafeMutablePointer<UnsafeMutablePointer<CallInfo>>
    var callInfoSegmentTableCapacity: Int
    /// Frames usable without growing: whole segments in the native heap model, the deepest frame
    /// reached so far + 1 in the device model (which charges frames one by one); the segments
    /// allocated are this rounded up to whole segments.
    var callInfoCapacity: Int
    var ciIndex: Int
    var openUpvalues: UnsafeMutableRawPointer?
    var status: ThreadStatus
    /// Native (Swift-recursive) call depth, as nCcalls.
    var nativeDepth: Int
    /// Depth of non-yieldable native calls (nny): > 0 means yield is refused.
    var nonYieldable: Int
    /// The thread that resumed this one (for coroutine.running/isyieldable bookkeeping).
    var resumer: UnsafeMutableRawPointer?
    /// Hook state (debug.sethook).
    var hookFunction: Value
    var hookMask: UInt8
    var allowHook: Bool
    var hookCount: Int
    var hookCountdown: Int
    var errorFunction: Int
    /// Last pc seen by the line hook.
    var lastPC: Int
}

/// A Lua thread (coroutine): its own value stack and call stack.
struct LuaThread: Equatable {
    let raw: UnsafeMutableRawPointer
    @inline(__always) init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    @inline(__always) var body: UnsafeMutablePointer<ThreadBody> { raw.assumingMemoryBound(to: ThreadBody.self) }

    @inline(__always) var stack: UnsafeMutablePointer<Value> { body.pointee.stack }
    @inline(__always) var top: Int {
        get { body.pointee.top }
        nonmutating set { body.pointee.top = newValue }
    }
    @inline(__always) var ci: UnsafeMutablePointer<CallInfo> { callInfo(body.pointee.ciIndex) }
    @inline(__always) func callInfo(_ index: Int) -> UnsafeMutablePointer<CallInfo> {
        body.pointee.callInfoSegments[index >> callInfoSegmentShift] + (index & (callInfoSegmentSize - 1))
    }
    @inline(__always) var ciIndex: Int { body.pointee.ciIndex }
    @inline(__always) var status: ThreadStatus {
        get { body.pointee.status }
        nonmutating set { body.pointee.status = newValue }
    }

    @inline(__always) func push(_ v: Value) {
        stack[body.pointee.top] = v
        body.pointee.top += 1
    }

    @inline(__always) subscript(_ i: Int) -> Value {
        get { stack[i] }
        nonmutating set { stack[i] = newValue }
    }
}

let callInfoSegmentShift = 3
let callInfoSegmentSize = 1 << callInfoSegmentShift

enum StackLimits {
    static let initialSize = 40
    static let maxSize = 1_000_000
    static let extra = 5
    static let minNative = 20
    static let errorSize = maxSize + 200
    static let maxNativeDepth = 200
}
