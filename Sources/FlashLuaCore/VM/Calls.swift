/// Calling and returning (ldo.c): Lua-to-Lua calls push a CallInfo and stay in the same
/// `execute` loop; only natives calling back into Lua nest Swift frames.
extension LuaState {
    /// Prepares a call of the value at stack index `funcIndex` (arguments above it, up to top).
    /// Natives run to completion here (returns true); Lua functions get a new frame (false).
    @inline(__always) package func precall(_ funcIndex: Int, wanted: Int) throws(LuaError) -> Bool {
        let t = current!
        let f = t.stack[funcIndex]
        if f.tag == .luaFunction {
            var p = f.luaClosure.proto
            if p.softFlags & SoftFlags.stub != 0 { p = try loadSoftCode(f.luaClosure) }
            let frameSize = p.maxStackSize
            try ensureStack(frameSize)
            let stack = t.stack
            var n = t.top - funcIndex - 1
            let numParams = p.numParams
            let base: Int
            if !p.isVararg {
                while n < numParams {
                    stack[t.top] = .nil
                    t.top += 1
                    n += 1
                }
                base = funcIndex + 1
            } else {
                // Fixed parameters move above the actual arguments; the varargs stay below base.
                let fixed = t.top - n
                base = t.top
                var i = 0
                while i < numParams && i < n {
                    stack[t.top] = stack[fixed + i]
                    stack[fixed + i] = .nil
                    t.top += 1
                    i += 1
                }
                while i < numParams {
                    stack[t.top] = .nil
                    t.top += 1
                    i += 1
                }
            }
            _ = try pushCallInfo(
                CallInfo(
                    function: funcIndex, base: base, top: base + frameSize, savedPC: p.code, wanted: wanted, flags: CallInfo.isLua,
                    continuation: 0))
            t.top = base + frameSize
            // Counted once the frame exists: its end (return, tail call, unwinding) uncounts it.
            if p.softFlags & SoftFlags.flushed != 0 { enterFlushedFrame(p) }
            if t.body.pointee.hookMask & HookMask.call != 0 { try callHookOnLuaEntry() }
            return false
        }
        if f.tag == .nativeFunction {
            try ensureStack(StackLimits.minNative)
            let ci = try pushCallInfo(
                CallInfo(
                    function: funcIndex, base: funcIndex + 1, top: t.top + StackLimits.minNative, savedPC: nil, wanted: wanted, flags: 0,
                    continuation: 0))
            if t.body.pointee.hookMask & HookMask.call != 0 { try callHook(event: .call) }
            let n = try f.nativeClosure.function(self)
            if t.body.pointee.hookMask & HookMask.ret != 0 { try callHook(event: .ret) }
            poscall(t, t.ci, firstResult: t.top - n, count: n)
            _ = ci
            return true
        }
        try insertCallMetamethod(funcIndex)
        return try precall(funcIndex, wanted: wanted)
    }

    /// Replaces a non-function at funcIndex by its __call metamethod, shifting the arguments up.
    package func insertCallMetamethod(_ funcIndex: Int) throws(LuaError) {
        let t = current!
        let f = t.stack[funcIndex]
        // lua5.3 does not chain: a __call that is not itself a function is an error on the
        // original value.
        guard let tm = tagMethod(f, .call), tm.isFunction else {
            throw typeError(at: funcIndex, "call")
        }
        try ensureStack(1)
        var i = t.top
        while i > funcIndex {
            t.stack[i] = t.stack[i - 1]
            i -= 1
        }
        t.top += 1
        t.stack[funcIndex] = tm
    }

    /// Moves `count` results to where the function was and pops its frame (luaD_poscall).
    @inline(__always) package func poscall(_ t: LuaThread, _ ci: UnsafeMutablePointer<CallInfo>, firstResult: Int, count n: Int) {
        let wanted = ci.pointee.wanted
        let res = ci.pointee.function
        t.body.pointee.ciIndex -= 1
        if t.body.pointee.hookMask & (HookMask.ret | HookMask.line) != 0 { rememberCallerPC(t) }
        let stack = t.stack
        if wanted < 0 {
            var i = 0
            while i < n {
                stack[res + i] = stack[firstResult + i]
                i += 1
            }
            t.top = res + n
            return
        }
        var i = 0
        let m = min(wanted, n)
        while i < m {
            stack[res + i] = stack[firstResult + i]
            i += 1
        }
        while i < wanted {
            stack[res + i] = .nil
            i += 1
        }
        t.top = res + wanted
    }

    /// Calls the value at funcIndex with the arguments above it; `wanted` results (or -1 for all)
    /// replace them. Entered from Swift, so this nests one Swift level (bounded like C calls).
    package func call(_ funcIndex: Int, wanted: Int) throws(LuaError) {
        let t = current!
        t.body.pointee.nativeDepth += 1
        defer { t.body.pointee.nativeDepth -= 1 }
        if t.body.pointee.nativeDepth >= StackLimits.maxNativeDepth {
            if t.body.pointee.nativeDepth == StackLimits.maxNativeDepth { throw runtimeError("C stack overflow") }
            if t.body.pointee.nativeDepth >= StackLimits.maxNativeDepth + StackLimits.maxNativeDepth / 8 {
                throw LuaError(.handler, Value(try newString("error in error handling")))
            }
        }
        // A native calling back into Lua is a boundary a yield cannot cross, unless the native
        // knows how to finish after a resume (pcall): lua_call versus lua_callk.
        let ci = t.ci
        let boundary = ci.pointee.flags & CallInfo.isLua == 0 && !isYieldableNative(t.stack[ci.pointee.function])
        if boundary { t.body.pointee.nonYieldable += 1 }
        defer { if boundary { t.body.pointee.nonYieldable -= 1 } }
        if try !precall(funcIndex, wanted: wanted) {
            t.ci.pointee.flags |= CallInfo.fresh
            try execute()
        }
    }

    @inline(__always) package func isYieldableNative(_ f: Value) -> Bool {
        f.tag == .nativeFunction && f.object.header.pointee.flags & NativeClosure.yieldableFlag != 0
    }

    /// Like `call`, but a yield inside is refused (metamethods called from natives, etc.).
    package func callNoYield(_ funcIndex: Int, wanted: Int) throws(LuaError) {
        let t = current!
        t.body.pointee.nonYieldable += 1
        defer { t.body.pointee.nonYieldable -= 1 }
        try call(funcIndex, wanted: wanted)
    }

    /// Calls the function at `funcIndex` (its arguments above it) from the running native, which
    /// then returns all its results; a yield inside is allowed, and the resume returns them
    /// (lua_callk with a continuation that returns what the call left).
    package func callReturningAll(_ funcIndex: Int) throws(LuaError) -> Int {
        let t = current!
        t.ci.pointee.continuation = CallInfo.returnAllContinuation
        t.ci.pointee.extra = funcIndex
        try call(funcIndex, wanted: -1)
        return t.top - funcIndex
    }

    /// Calls f(args...) and returns its first result (metamethods, callbacks from natives).
    package func callValue(_ f: Value, _ a: Value, _ b: Value) throws(LuaError) -> Value {
        let t = current!
        try call(try pushCall(f, a, b), wanted: 1)
        t.top -= 1
        // Off the stack now: the caller may allocate before it stores the result (tostring
        // through __tostring, then string.format's result buffer).
        let result = t.stack[t.top]
        if result.isObject { keepRecent(result.object) }
        return result
    }

    package func callValue(_ f: Value, _ a: Value, _ b: Value, _ c: Value) throws(LuaError) {
        try call(try pushCall(f, a, b, c), wanted: 0)
    }

    /// Pushes `f` and its arguments (up to three; nil means absent) for a call on the running
    /// thread and returns the stack index of `f`.
    @inline(__always) package func pushCall(_ f: Value, _ a: Value, _ b: Value? = nil, _ c: Value? = nil) throws(LuaError) -> Int {
        let t = current!
        try ensureStack(4)
        let fi = t.top
        t.push(f)
        t.push(a)
        if let b { t.push(b) }
        if let c { t.push(c) }
        return fi
    }

    package func callFinalizer(_ f: Value, _ o: Value) throws(LuaError) {
        let t = current!
        let savedTop = t.top
        let savedCI = t.ciIndex
        let savedNonYield = t.body.pointee.nonYieldable
        // The interrupted frame says it is running a finalizer (CIST_FIN): debug.getinfo names
        // the call "__gc", a metamethod.
        let interrupted = t.ci
        let savedFlags = interrupted.pointee.flags
        interrupted.pointee.flags |= CallInfo.finalizer
        defer { interrupted.pointee.flags = savedFlags }
        do {
            try callNoYield(try pushCall(f, o), wanted: 0)
            t.top = savedTop
        } catch {
            closeUpvalues(t, from: savedTop)
            popFrames(t, to: savedCI)
            t.body.pointee.nonYieldable = savedNonYield
            t.top = savedTop
            throw error
        }
    }

    // MARK: Upvalues

    /// The open upvalue for stack slot `index` of the running thread, created if needed.
    package func findUpvalue(_ index: Int) throws(LuaError) -> Upvalue {
        let t = current!
        var previous: Upvalue? = nil
        var p = t.body.pointee.openUpvalues
        while let up = p {
            let u = Upvalue(up)
            let si = u.body.pointee.stackIndex
            if si < index { break }
            if si == index { return u }
            previous = u
            p = u.body.pointee.openNext
        }
        let u = try newUpvalue()
        u.body.pointee.stackIndex = index
        u.body.pointee.pointer = t.stack + index
        u.body.pointee.openNext = p
        // lfunc.c's luaF_findupval: a new open upvalue starts touched (see remarkOpenUpvalues).
        u.raw.header.pointee.flags |= UpvalueFlags.touched
        if let prev = previous { prev.body.pointee.openNext = u.raw } else { t.body.pointee.openUpvalues = u.raw }
        return u
    }

    /// Closes every open upvalue at or above stack slot `level` (luaF_close).
    @inline(__always) package func closeUpvalues(_ t: LuaThread, from level: Int) {
        while let up = t.body.pointee.openUpvalues {
            let u = Upvalue(up)
            if u.body.pointee.stackIndex < level { break }
            t.body.pointee.openUpvalues = u.body.pointee.openNext
            u.body.pointee.closed = u.body.pointee.pointer.pointee
            u.body.pointee.pointer = u.closedSlot
            u.body.pointee.openNext = nil
            u.body.pointee.stackIndex = -1
        }
    }

    /// Runs body inside a native call frame, as a C function called from the host would.
    /// It counts as one native call level, as lua.c's pmain does, so the depth at which "C stack
    /// overflow" comes is lua5.3's.
    package func withNativeFrame<R>(_ body: () throws(LuaError) -> R) throws(LuaError) -> R {
        let t = current!
        try ensureStack(StackLimits.minNative + 1)
        let fi = t.top
        t.push(.nil)
        _ = try pushCallInfo(
            CallInfo(function: fi, base: fi + 1, top: t.top + StackLimits.minNative, savedPC: nil, wanted: 0, flags: 0, continuation: 0))
        let depth = t.body.pointee.nativeDepth
        t.body.pointee.nativeDepth = depth + 1
        defer {
            popFrames(t, to: 0)
            t.top = fi
            t.body.pointee.nativeDepth = depth
        }
        return try body()
    }

    // MARK: Frames

    /// Drops the frames above `index` after an error (they end without returning).
    package func popFrames(_ t: LuaThread, to index: Int) {
        if softFrames > 0 { leaveFlushedFrames(t, above: index) { _ in true } }
        t.body.pointee.ciIndex = index
    }

    /// Calls `body` with the closure of each Lua frame of `t` above `index`, innermost first,
    /// until it returns false.
    package func forEachLuaFrame(_ t: LuaThread, above index: Int, _ body: (LuaClosure) -> Bool) {
        var i = t.ciIndex
        while i > index {
            let ci = t.callInfo(i)
            if ci.pointee.flags & CallInfo.isLua != 0 {
                let f = t.stack[ci.pointee.function]
                if f.tag == .luaFunction && !body(f.luaClosure) { return }
            }
            i -= 1
        }
    }
}
