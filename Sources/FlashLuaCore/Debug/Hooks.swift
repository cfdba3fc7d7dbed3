import FlashLuaBytecode

/// debug.sethook support: call/return/line/count events delivered to a Lua hook function.
package enum HookMask {
    package static let call: UInt8 = 1
    package static let ret: UInt8 = 2
    package static let line: UInt8 = 4
    package static let count: UInt8 = 8
}

package enum HookEvent {
    case call, ret, line, count, tailCall

    package var name: StaticString {
        switch self {
        case .call: "call"
        case .ret: "return"
        case .line: "line"
        case .count: "count"
        case .tailCall: "tail call"
        }
    }
}

extension LuaState {
    /// Runs the hook function for an event, with hooks disabled meanwhile (luaD_hook).
    package func callHook(event: HookEvent, line: Int? = nil) throws(LuaError) {
        let t = current!
        guard t.body.pointee.allowHook, t.body.pointee.hookFunction.isFunction else { return }
        let hook = t.body.pointee.hookFunction
        let ci = t.ci
        let savedTop = t.top
        let savedCITop = ci.pointee.top
        try ensureStack(StackLimits.minNative)
        if ci.pointee.flags & CallInfo.isLua != 0 && t.top < ci.pointee.top { t.top = ci.pointee.top }
        t.body.pointee.allowHook = false
        ci.pointee.flags |= CallInfo.hooked
        defer {
            t.body.pointee.allowHook = true
            ci.pointee.flags &= ~CallInfo.hooked
        }
        let fi = t.top
        t.push(hook)
        t.push(Value(try newString(event.name)))
        t.push(line.map { Value(Int64($0)) } ?? .nil)
        try callNoYield(fi, wanted: 0)
        ci.pointee.top = savedCITop
        t.top = savedTop
    }

    /// The call hook of a Lua function just entered (ldo.c's callhook): a "tail call" event when
    /// the calling Lua frame is executing a TAILCALL, with the pc already past the first
    /// instruction so the hook sees the function's first line.
    package func callHookOnLuaEntry() throws(LuaError) {
        let t = current!
        let ci = t.ci
        var event = HookEvent.call
        let previous = t.callInfo(t.ciIndex - 1)
        if previous.pointee.flags & CallInfo.isLua != 0, let callerPC = previous.pointee.savedPC,
            callerPC[-1].opcodeRaw == Opcode.tailcall.rawValue
        {
            ci.pointee.flags |= CallInfo.tail
            event = .tailCall
        }
        let pc = ci.pointee.savedPC.unsafelyUnwrapped
        ci.pointee.savedPC = pc + 1
        defer { ci.pointee.savedPC = pc }
        try callHook(event: event)
    }

    /// After a return the line hook continues from the caller's CALL (luaD_poscall's oldpc), so
    /// the rest of the caller's line is not reported as a new line.
    @inline(never) package func rememberCallerPC(_ t: LuaThread) {
        let ci = t.ci
        guard ci.pointee.flags & CallInfo.isLua != 0, let pc = ci.pointee.savedPC else { return }
        t.body.pointee.lastPC = pc - t.stack[ci.pointee.function].luaClosure.proto.code - 1
    }

    /// Line and count hooks before an instruction (luaG_traceexec). `pc` points past it.
    package func traceExecution(_ pc: UnsafePointer<UInt32>) throws(LuaError) {
        let t = current!
        guard t.body.pointee.allowHook else { return }
        if hot.pointee.interruptRequested {
            // lua.c's lstop: hooks off, then the error at the interrupted instruction.
            hot.pointee.interruptRequested = false
            setHook(of: t, function: .nil, mask: 0, count: 0)
            throw runtimeError("interrupted!")
        }
        let mask = t.body.pointee.hookMask
        if mask & HookMask.count != 0 {
            t.body.pointee.hookCountdown -= 1
            if t.body.pointee.hookCountdown <= 0 {
                t.body.pointee.hookCountdown = t.body.pointee.hookCount
                try callHook(event: .count)
            }
        }
        if mask & HookMask.line != 0 {
            let ci = t.ci
            let proto = t.stack[ci.pointee.function].luaClosure.proto
            let npc = pc - proto.code - 1
            guard proto.lineInfoCount > 0 else { return }
            let newLine = proto.line(at: npc) ?? 0
            let oldPC = Int(t.body.pointee.lastPC)
            // A new line, a backward jump (loop), or entering the function.
            if npc == 0 || npc <= oldPC || newLine != (proto.line(at: oldPC) ?? -1) {
                t.body.pointee.lastPC = npc
                try callHook(event: .line, line: newLine)
            }
            t.body.pointee.lastPC = npc
        }
    }
}

extension LuaState {
    /// Where a signal handler finds this state (lua.c keeps a global lua_State for laction).
    package var interruptAddress: UnsafeMutableRawPointer { UnsafeMutableRawPointer(hot) }

    /// lua.c's laction, safe in a signal handler (plain stores, no allocation): the thread
    /// running in the state at `address` stops at its next instruction with "interrupted!".
    /// Natives run on (a long pattern match), as in lua5.3.
    package static func requestInterrupt(_ address: UnsafeMutableRawPointer) {
        let hot = address.assumingMemoryBound(to: HotState.self)
        hot.pointee.interruptRequested = true
        guard let raw = hot.pointee.current else { return }
        let t = LuaThread(raw)
        t.body.pointee.hookCountdown = 1
        t.body.pointee.hookMask |= HookMask.count
    }
}
