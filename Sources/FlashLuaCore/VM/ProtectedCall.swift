/// Protected calls: errors caught and the thread restored (lua_pcall, luaD_pcall).
extension LuaState {
    /// Calls the value at funcIndex in protected mode. On error the stack is cut back to
    /// funcIndex with the error value there, and the error is returned. Yields pass through.
    package func protectedCall(_ funcIndex: Int, wanted: Int, handler: Int) throws(LuaError) -> LuaError? {
        let t = current!
        let savedCI = t.ciIndex
        let savedNonYield = t.body.pointee.nonYieldable
        let savedDepth = t.body.pointee.nativeDepth
        let savedHandler = t.body.pointee.errorFunction
        let savedAllowHook = t.body.pointee.allowHook
        t.body.pointee.errorFunction = handler
        do {
            try call(funcIndex, wanted: wanted)
            t.body.pointee.errorFunction = savedHandler
            return nil
        } catch {
            // A yield leaves the message handler installed (the coroutine is suspended inside
            // this call, as lua_pcallk's L->errfunc); the pcall frame restores the old one when
            // it finishes after the resume (finishProtected).
            if error.kind == .yield { throw error }
            closeUpvalues(t, from: funcIndex)
            popFrames(t, to: savedCI)
            t.body.pointee.nonYieldable = savedNonYield
            t.body.pointee.nativeDepth = savedDepth
            t.body.pointee.errorFunction = savedHandler
            t.body.pointee.allowHook = savedAllowHook
            // A restart is not caught, but every protected call on the way out leaves its frames
            // as an error would, so the state is consistent (and usable) when the host gets it.
            if error.kind == .restart {
                t.top = funcIndex
                throw error
            }
            var value = error.value
            if error.kind == .handler, let s = try? newString("error in error handling") { value = Value(s) }
            t.stack[funcIndex] = value
            t.top = funcIndex + 1
            // A caught stack overflow gives its extra error-handling room back, so the next
            // overflow is again a plain "stack overflow".
            if t.body.pointee.stackSize > StackLimits.maxSize { shrinkStack(t) }
            return LuaError(error.kind, value)
        }
    }

    /// pcall (`handler` false) and xpcall (true) as the running native function: calls argument
    /// 1 (xpcall: with argument 2 as message handler) with the rest as arguments and returns
    /// true and its results, or false and the error value. A yield inside is allowed: the frame
    /// records how `resume` finishes the call (lua_pcallk's continuation).
    package func protectedCallFromNative(withHandler handler: Bool) throws(LuaError) -> Int {
        let t = current!
        let base = t.ci.pointee.base
        // If a yield unwinds this Swift frame, resume finishes the call from these fields.
        let ci = t.ci
        ci.pointee.flags |= CallInfo.protected
        ci.pointee.continuation = handler ? 2 : 1
        ci.pointee.extra = t.body.pointee.errorFunction
        // The frame's slots as lua5.3's luaB_pcall/luaB_xpcall leave them (debug.getlocal sees
        // them as temporaries): pcall's true below f; xpcall's f, handler, true below a copy of f.
        let fi: Int
        let handlerIndex: Int
        if handler {
            if argumentCount < 2 || !argument(2).isFunction {
                throw argumentTypeError(2, expected: "function")
            }
            let arguments = argumentCount - 2
            try insert(.true, belowTop: arguments)
            try insert(t.stack[base], belowTop: arguments)
            fi = base + 3
            handlerIndex = base + 1
        } else {
            if argumentCount < 1 { throw argumentError(1, "value expected") }
            try insert(.true, belowTop: argumentCount)
            fi = base + 1
            handlerIndex = 0
        }
        if let error = try protectedCall(fi, wanted: -1, handler: handlerIndex) {
            t.stack[fi - 1] = .false
            t.stack[fi] = error.value
            t.top = fi + 1
            return 2
        }
        return t.top - (fi - 1)
    }
}
