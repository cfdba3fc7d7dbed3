import FlashLuaCore

/// What NodeMCU's app/lua53/lua.c does with a chunk (init.lua at boot, a console line): docall
/// runs it in protected mode with `msghandler`, which makes the error `debug.traceback(message,
/// 2)` (a non-string message passes untouched), and l_print prints through the global `print`.
/// Nothing here restarts the device: lua.c's errors are not callbacks' (luaL_pcallx).
extension LuaState {
    /// debug.traceback(message, 2) when debug.traceback is a function (msghandler and
    /// errhandler both look it up at the time of the error); nil otherwise.
    func nodeMCUTraceback(_ message: Value) throws(LuaError) -> Value? {
        let debug = try getIndex(Value(globals), Value(try newString("debug")), operand: .none)
        let traceback = try getIndex(debug, Value(try newString("traceback")), operand: .none)
        guard traceback.isFunction else { return nil }
        return try callValue(traceback, message, Value(Int64(2)))
    }

    /// docall: the closure and its results (or its error's report) stay on the stack from the
    /// returned slot; true when it ran without error. A restart request is thrown.
    func nodeMCUDoCall(_ chunk: LuaClosure) throws(LuaError) -> (slot: Int, ok: Bool) {
        try ensureStack(2)
        let handlerIndex = stackTop
        push(Value(try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
            // lua.c returns the stack top: the traceback, or whatever debug.traceback was.
            if let report = try L.nodeMCUTraceback(L.argument(1)) { return L.returnValue(report) }
            let debug = try L.getIndex(Value(L.globals), Value(try L.newString("debug")), operand: .none)
            return L.returnValue(try L.getIndex(debug, Value(try L.newString("traceback")), operand: .none))
        })))
        let fi = stackTop
        push(Value(chunk))
        let failure = try protectedCall(fi, wanted: -1, handler: handlerIndex)
        // The handler goes, the results (or the report) move down to its slot.
        let count = stackTop - fi
        for i in 0..<count { setStackValue(handlerIndex + i, stackValue(fi + i)) }
        stackTop = handlerIndex + count
        // lua.c: "force a complete garbage collection in case of errors".
        if failure != nil { try? collectNow() }
        return (handlerIndex, failure == nil)
    }

    /// l_print: print(values from `slot` to the top), which are then gone; a failing print is
    /// reported straight to the serial port.
    func nodeMCUPrint(from slot: Int) {
        defer { stackTop = slot }
        let count = stackTop - slot
        guard count > 0 else { return }
        do throws(LuaError) {
            let print = try getIndex(Value(globals), Value(try newString("print")), operand: .none)
            try insert(print, belowTop: count)
            guard let error = try protectedCall(slot, wanted: 0, handler: 0) else { return }
            let text = error.value.isString ? String(decoding: rawToStringBytes(error.value), as: UTF8.self) : "(null)"
            var bytes = Array("error calling 'print' (\(text))\n".utf8)
            bytes.withUnsafeMutableBufferPointer { writeOutput(UnsafeBufferPointer($0)) }
        } catch {
            // Only a restart (or no memory for print's name) ends up here: nothing to print.
        }
    }

    /// pmain's boot: loads `name` and runs it with docall; an error is printed (l_print of the
    /// message or report, no prefix) and the device goes on. A restart request is thrown.
    func runBootFile(_ name: String) throws(LuaError) {
        let top = stackTop
        defer { stackTop = top }
        let chunk: LuaClosure
        do {
            chunk = try loadFile(name, mode: Array("bt".utf8), env: nil)
        } catch {
            try ensureStack(1)
            push(error.value)
            return nodeMCUPrint(from: top)
        }
        let (slot, ok) = try nodeMCUDoCall(chunk)
        if !ok { nodeMCUPrint(from: slot) }
    }
}
