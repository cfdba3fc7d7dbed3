import FlashLuaCore

/// An uncaught error in a callback (a timer, a posted task: every callback the event loop runs),
/// as NodeMCU's firmware handles it (../shared/nodemcu):
/// - app/lua53/lauxlib.c luaL_pcallx: the message handler `errhandler` turns the error into
///   `debug.traceback(message, 2)` (a string or number gets the traceback; another value is
///   passed untouched) and posts a high-priority task, `errhandler_aux`, that calls
///   registry.onerror with it (print when that is not a function). An error that is not a
///   runtime error (no memory, an error in the handler) is reported as "out of memory".
/// - app/modules/node.c: `node.setonerror(f)` stores f as registry.onerror; without a function,
///   `default_onerror`, which prints the report and, the first time after boot, arms a 2 s
///   timer that restarts the chip (other errors in those 2 s are printed, nothing more).
extension EventLoop {
    /// Microseconds from default_onerror to its restart (node.c's DELAY2SEC).
    static var errorRestartDelay: Int64 { 2_000_000 }

    /// The message handler (errhandler), anchored by the loop; it reaches the loop by its link.
    func makeNodeMCUMessageHandler(_ L: LuaState) throws(LuaError) -> NativeClosure {
        let link = self.link
        return try L.newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
            // Without debug.traceback the firmware reports nothing.
            guard let report = try L.nodeMCUTraceback(L.argument(1)), let loop = link.loop else { return 0 }
            try loop.postErrorReport(L, report)
            return 0
        })
    }

    /// Posts errhandler_aux with `report` as its upvalue, at high priority (luaL_posttask).
    func postErrorReport(_ L: LuaState, _ report: Value) throws(LuaError) {
        let top = L.stackTop
        defer { L.stackTop = top }
        try L.ensureStack(2)
        L.push(report)
        let reporter = try L.newNativeClosure(
            { (L: LuaState) throws(LuaError) -> Int in
                var handler = L.rawGet(L.registry, Value(try L.newString("onerror")))
                if !handler.isFunction { handler = try L.getIndex(Value(L.globals), Value(try L.newString("print")), operand: .none) }
                // Unprotected, as errhandler_aux's lua_call: an error here is the task's own.
                try L.call(try L.pushCall(handler, L.currentNativeUpvalue(0)), wanted: 0)
                return 0
            }, upvalues: 1)
        reporter.upvalues[0] = report
        L.push(Value(reporter))
        try post(Value(reporter), priority: 2)
    }

    /// default_onerror's restart timer: armed once per boot.
    func armErrorRestart() {
        guard errorRestartDeadline == nil else { return }
        errorRestartDeadline = clock.now() + EventLoop.errorRestartDelay
        errorRestartArmedAt = uptime
    }
}

extension LuaState {
    /// node.setonerror and the default handler in registry.onerror (luaopen_node); from then on
    /// the loop reports callback errors as the firmware does.
    func openErrorHandling(loop: EventLoop) throws(LuaError) {
        let link = loop.link
        let defaultHandler = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
            // print(report) in protected mode, its own errors ignored; then the restart timer.
            let print = try L.getIndex(Value(L.globals), Value(try L.newString("print")), operand: .none)
            _ = try L.protectedCall(try L.pushCall(print, L.argument(1)), wanted: 0, handler: 0)
            link.loop?.armErrorRestart()
            return 0
        })
        let key = Value(try newString("flashlua.defaultonerror"))
        try rawSet(registry, key, Value(defaultHandler))
        try rawSet(registry, Value(try newString("onerror")), Value(defaultHandler))
        let node = try globalTable("node")
        try register(
            node,
            [
                (
                    "setonerror",
                    { (L: LuaState) throws(LuaError) -> Int in
                        var handler = L.argument(1)
                        if !handler.isFunction { handler = L.rawGet(L.registry, Value(try L.newString("flashlua.defaultonerror"))) }
                        try L.rawSet(L.registry, Value(try L.newString("onerror")), handler)
                        return 0
                    }
                )
            ])
        loop.reportsErrorsAsNodeMCU = true
    }
}
