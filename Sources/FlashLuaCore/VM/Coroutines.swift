import FlashLuaBytecode

/// Coroutines (ldo.c's resume/yield/unroll). A yield unwinds the Swift stack with a `.yield`
/// error; every frame stays in the coroutine's CallInfo list. Resuming finishes the interrupted
/// instruction or native (pcall) of each frame and re-enters `execute`, so yields work across
/// pcall, metamethods and iterators as in lua5.3.
extension LuaState {
    /// Whether the running function may yield (lua_isyieldable).
    @inlinable package var isYieldable: Bool { current.body.pointee.nonYieldable == 0 }

    /// What a native yielding its arguments above the frame throws (lua_yield): the yield
    /// itself, or the error when the running thread cannot yield here.
    @inlinable package func yieldFromNative() -> LuaError {
        let t = current!
        if t.body.pointee.nonYieldable > 0 {
            if t == mainThread { return runtimeError("attempt to yield from outside a coroutine") }
            return runtimeError("attempt to yield across a C-call boundary")
        }
        return LuaError(.yield, .nil)
    }
    package enum ResumeOutcome {
        case yielded(Int)
        case returned(Int)
        case failed(Value)
        /// A restart was requested inside the coroutine (it is dead now).
        case restart
    }

    /// Runs `co` with the `nargs` values on top of its stack. Results (yielded or returned)
    /// are left on top of co's stack; their count is in the outcome.
    package func resume(_ co: LuaThread, argumentCount nargs: Int) -> ResumeOutcome {
        let from = current!
        co.body.pointee.nativeDepth = from.body.pointee.nativeDepth + 1
        co.body.pointee.nonYieldable = 0
        co.body.pointee.resumer = from.raw
        current = co
        defer {
            current = from
            co.body.pointee.resumer = nil
        }
        if co.body.pointee.nativeDepth >= StackLimits.maxNativeDepth {
            co.top -= nargs
            if let s = try? newString("C stack overflow") {
                co.push(Value(s))
                return .failed(Value(s))
            }
            return .failed(Value(memoryErrorMessage))
        }
        var starting = co.status == .ok
        while true {
            do {
                if starting {
                    starting = false
                    let fi = co.top - nargs - 1
                    if try !precall(fi, wanted: -1) {
                        co.ci.pointee.flags |= CallInfo.fresh
                        try execute()
                    }
                } else {
                    if co.status == .yielded {
                        co.status = .ok
                        // The yielding native returns the resume arguments.
                        let ci = co.ci
                        if ci.pointee.flags & CallInfo.isLua == 0 {
                            poscall(co, ci, firstResult: co.top - nargs, count: nargs)
                        }
                    }
                    try unroll()
                }
                co.status = .dead
                return .returned(co.top - 1)
            } catch {
                if error.kind == .yield {
                    co.status = .yielded
                    return .yielded(co.top - co.ci.pointee.base)
                }
                if error.kind == .restart {
                    co.status = .dead
                    return .restart
                }
                // Recover into a pcall whose Swift frame is gone (it was unwound by a yield).
                if let p = findProtectedFrame(co) {
                    finishProtected(co, p, error: error)
                    continue
                }
                co.status = .dead
                co.push(error.value)
                return .failed(error.value)
            }
        }
    }

    /// Continues the frames of a resumed coroutine until its body returns.
    package func unroll() throws(LuaError) {
        let t = current!
        while t.ciIndex > 0 {
            let ci = t.ci
            if ci.pointee.flags & CallInfo.isLua != 0 {
                try finishInterruptedInstruction(ci)
                try execute()
            } else if ci.pointee.continuation == CallInfo.returnAllContinuation {
                // dofile: its results are everything its chunk returned, from `extra` up.
                let first = ci.pointee.extra
                poscall(t, ci, firstResult: first, count: t.top - first)
            } else {
                finishProtected(t, t.ciIndex, error: nil)
            }
        }
    }

    private func findProtectedFrame(_ t: LuaThread) -> Int? {
        var i = t.ciIndex
        while i > 0 {
            if t.callInfo(i).pointee.flags & CallInfo.protected != 0 { return i }
            i -= 1
        }
        return nil
    }

    /// Completes a pcall/xpcall frame whose Swift code was unwound: true + results, or false + error.
    package func finishProtected(_ t: LuaThread, _ index: Int, error: LuaError?) {
        let ci = t.callInfo(index)
        // Where protectedCallFromNative called f: above xpcall's f, handler, true; above pcall's true.
        let fi = ci.pointee.base + (ci.pointee.continuation == 2 ? 3 : 1)
        t.body.pointee.errorFunction = ci.pointee.extra
        if let error {
            closeUpvalues(t, from: fi)
            popFrames(t, to: index)
            t.body.pointee.nonYieldable = 0
            var value = error.value
            if error.kind == .handler, let s = try? newString("error in error handling") { value = Value(s) }
            t.stack[fi - 1] = .false
            t.stack[fi] = value
            t.top = fi + 1
            poscall(t, ci, firstResult: fi - 1, count: 2)
        } else {
            t.stack[fi - 1] = .true
            poscall(t, ci, firstResult: fi - 1, count: t.top - (fi - 1))
        }
    }

    /// luaV_finishOp: the instruction of a Lua frame that was waiting for a metamethod or a
    /// native when the coroutine yielded.
    package func finishInterruptedInstruction(_ ci: UnsafeMutablePointer<CallInfo>) throws(LuaError) {
        let t = current!
        let base = ci.pointee.base
        let pc = ci.pointee.savedPC.unsafelyUnwrapped
        let inst = (pc - 1).pointee
        guard let op = inst.opcode else { return }
        switch op {
        case .add, .sub, .mul, .div, .idiv, .band, .bor, .bxor, .shl, .shr, .mod, .pow, .unm, .bnot, .len,
            .gettabup, .gettable, .self:
            t.top -= 1
            t.stack[base + inst.a] = t.stack[t.top]
        case .le, .lt, .eq:
            var result = !t.stack[t.top - 1].isFalsy
            t.top -= 1
            if ci.pointee.flags & CallInfo.lessEqualByLessThan != 0 {
                ci.pointee.flags &= ~CallInfo.lessEqualByLessThan
                result = !result
            }
            if result != (inst.a != 0) {
                ci.pointee.savedPC = pc + 1
            } else {
                // Take the jump that follows.
                var next = pc
                takeJump(&next, t, frameBase: base)
                ci.pointee.savedPC = next
            }
        case .concat:
            let top = t.top - 1
            let b = inst.b
            let total = top - 1 - (base + b)
            t.stack[top - 2] = t.stack[top]
            t.top = top - 1
            if total > 1 {
                try concatenate(total)
            }
            t.stack[base + inst.a] = t.stack[t.top - 1]
            t.top = ci.pointee.top
        case .tforcall:
            t.top = ci.pointee.top
        case .call:
            if inst.c - 1 >= 0 { t.top = ci.pointee.top }
        default:
            break
        }
    }

    package enum NativeResume {
        case success(Int)
        case failure(Value)
    }

    /// lcorolib.c's auxresume, kept in the core so the resume path is compiled with the VM.
    /// Moves `count` arguments (from argument index `first`) to co, resumes it and moves its
    /// results back to the running thread's top.
    package func resumeFromNative(_ co: LuaThread, arguments first: Int, count: Int) throws(LuaError) -> NativeResume {
        let t = current!
        let status = coroutineStatus(co)
        if status == "dead" { return .failure(Value(try newString("cannot resume dead coroutine"))) }
        if status != "suspended" {
            // auxresume first calls a coroutine with an empty stack frame dead (a running one
            // called with no arguments, or a normal one inside a wrap call), as lcorolib.c does.
            if co.top - co.ci.pointee.base == 0 { return .failure(Value(try newString("cannot resume dead coroutine"))) }
            return .failure(Value(try newString("cannot resume non-suspended coroutine")))
        }
        // Room in the coroutine's stack.
        current = co
        let roomForArguments = checkStack(count + 1)
        current = t
        if !roomForArguments { return .failure(Value(try newString("too many arguments to resume"))) }
        let base = t.ci.pointee.base + first - 1
        for i in 0..<count { co.push(t.stack[base + i]) }
        t.top -= count  // the arguments moved (lua_xmove)
        let outcome = resume(co, argumentCount: count)
        switch outcome {
        case .yielded(let n), .returned(let n):
            let start = co.top - n
            // auxresume: results that do not fit are dropped and resume fails, inside the
            // protected boundary.
            if !checkStack(n + 1) {
                co.top = start
                return .failure(Value(try newString("too many results to resume")))
            }
            for i in 0..<n { t.push(co.stack[start + i]) }
            co.top = start
            return .success(n)
        case .failed(let v):
            co.top = max(co.top - 1, 1)
            // Off the dead coroutine's stack, not yet on ours.
            if v.isObject { keepRecent(v.object) }
            return .failure(v)
        case .restart:
            throw LuaError(.restart, .nil)
        }
    }

    package func coroutineStatus(_ co: LuaThread) -> String {
        if co == current { return "running" }
        switch co.status {
        case .yielded: return "suspended"
        case .dead: return "dead"
        case .ok:
            if co.ciIndex > 0 { return "normal" }
            if co.top <= 1 { return "dead" }
            return "suspended"
        }
    }
}
