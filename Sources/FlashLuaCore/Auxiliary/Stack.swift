/// The running thread's value stack as libraries see it (lua_gettop/lua_settop/lua_insert's
/// role). Indices are absolute stack slots of the running thread, so a library keeps one across
/// calls it makes (`let fi = stackTop; push(f); push(x); try call(fi, wanted: 1)`); they stay
/// valid when the stack grows, which moves the buffer, not the slots.
extension LuaState {
    /// The first free slot: where the next `push` goes; setting it pops (or exposes) slots.
    @inlinable package var stackTop: Int {
        @inline(__always) get { current.top }
        @inline(__always) set { current.top = newValue }
    }

    /// The slot of argument 1 of the running native function.
    @inlinable package var frameBase: Int {
        @inline(__always) get { current.ci.pointee.base }
    }

    /// The value in slot `index` (below `stackTop`).
    @inlinable @inline(__always) package func stackValue(_ index: Int) -> Value { current.stack[index] }

    /// Stores `v` in slot `index` (below `stackTop`): a result in place, or a GC-safe temporary.
    @inlinable @inline(__always) package func setStackValue(_ index: Int, _ v: Value) { current.stack[index] = v }

    /// The value `n` slots below the top (1: the last pushed).
    @inlinable @inline(__always) package func valueBelowTop(_ n: Int) -> Value { current.stack[current.top - n] }

    /// Pushes `v` on another thread's stack: the body of a new coroutine (lua_xmove's role; a
    /// new thread has room for LUA_MINSTACK values).
    package func push(_ v: Value, onto t: LuaThread) { t.push(v) }

    /// lua_settop relative to the frame: keeps `count` values of the running native frame,
    /// dropping the rest or filling with nil.
    package func setFrameCount(_ count: Int) throws(LuaError) {
        let t = current!
        let newTop = t.ci.pointee.base + count
        if newTop > t.top { try ensureStack(newTop - t.top) }
        while t.top < newTop { t.push(.nil) }
        t.top = newTop
    }

    /// Puts `v` below the top `count` values, moving them up (lua_insert after a push).
    package func insert(_ v: Value, belowTop count: Int) throws(LuaError) {
        let t = current!
        try ensureStack(1)
        var i = t.top
        while i > t.top - count {
            t.stack[i] = t.stack[i - 1]
            i -= 1
        }
        t.stack[t.top - count] = v
        t.top += 1
    }
}
