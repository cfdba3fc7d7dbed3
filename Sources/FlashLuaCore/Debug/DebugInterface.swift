/// What the debug library asks of a thread's frames and hooks (ldebug.c's lua_getstack,
/// lua_getinfo, lua_getlocal/lua_setlocal, lua_sethook/lua_gethook). Frames are named by their
/// CallInfo index, as `callInfoIndex(level:in:)` gives them.
extension LuaState {
    /// The function running in frame `ciIndex` of `t`.
    package func frameFunction(_ ciIndex: Int, in t: LuaThread) -> Value {
        t.stack[t.callInfo(ciIndex).pointee.function]
    }

    /// Whether frame `ciIndex` of `t` was entered by a tail call.
    package func isTailCall(_ ciIndex: Int, in t: LuaThread) -> Bool {
        t.callInfo(ciIndex).pointee.flags & CallInfo.tail != 0
    }

    /// Name and stack slot of local `n` of the frame at `level` of `t` (negative n: the
    /// frame's varargs), as lua_getlocal finds them: active named locals, then unnamed slots of
    /// the frame ("(*temporary)", for Lua and native frames alike in 5.3); nil when there is no such local.
    package func localVariable(_ n: Int, level: Int, in t: LuaThread) -> (name: String, slot: Int)? {
        guard let index = callInfoIndex(level: level, in: t) else { return nil }
        let ci = t.callInfo(index)
        if ci.pointee.flags & CallInfo.isLua != 0 {
            let p = t.stack[ci.pointee.function].luaClosure.proto
            if n < 0 {
                let varargs = ci.pointee.base - ci.pointee.function - p.numParams - 1
                guard -n <= varargs else { return nil }
                return ("(*vararg)", ci.pointee.base - varargs + (-n - 1))
            }
            let pc = ci.pointee.savedPC.unsafelyUnwrapped - p.code - 1
            if let name = p.localName(n, at: pc) { return (name.swiftString, ci.pointee.base + n - 1) }
        }
        let limit = index == t.ciIndex ? t.top : t.callInfo(index + 1).pointee.function
        if n > 0 && ci.pointee.base + n - 1 < limit {
            return ("(*temporary)", ci.pointee.base + n - 1)
        }
        return nil
    }

    /// lua_getlocal: the name and value of local `n` of the frame at `level` of `t`.
    package func getLocal(_ n: Int, level: Int, in t: LuaThread) -> (name: String, value: Value)? {
        guard let (name, slot) = localVariable(n, level: level, in: t) else { return nil }
        return (name, t.stack[slot])
    }

    /// lua_setlocal: stores `v` in local `n` of the frame at `level` of `t`; its name, or nil.
    package func setLocal(_ n: Int, level: Int, in t: LuaThread, to v: Value) -> String? {
        guard let (name, slot) = localVariable(n, level: level, in: t) else { return nil }
        t.stack[slot] = v
        return name
    }

    /// lua_gethook: the hook function of `t` (nil when none), its event mask and count.
    package func hook(of t: LuaThread) -> (function: Value, mask: UInt8, count: Int) {
        let f = t.body.pointee.hookFunction
        return (f.isFunction ? f : .nil, t.body.pointee.hookMask, t.body.pointee.hookCount)
    }

    /// lua_sethook: `function` runs on the events of `mask` (HookMask) in `t`, and every
    /// `count` instructions with HookMask.count; a zero mask removes the hook.
    package func setHook(of t: LuaThread, function: Value, mask: UInt8, count: Int) {
        t.body.pointee.hookFunction = mask == 0 ? .nil : function
        t.body.pointee.hookMask = mask
        t.body.pointee.hookCount = count
        t.body.pointee.hookCountdown = count
    }
}
