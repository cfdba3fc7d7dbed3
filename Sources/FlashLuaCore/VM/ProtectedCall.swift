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
}
