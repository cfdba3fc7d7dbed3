import FlashLuaCore
/// The coroutine library (lcorolib.c).
extension LuaState {
    func openCoroutineLibrary() throws(LuaError) {
        let lib = try newTable()
        try register(
            lib,
            [
                (
                    "create",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let f = try L.checkFunction(1)
                        let co = try L.newThread()
                        co.push(f)
                        return try L.returnValues(Value(co))
                    }
                ),
                (
                    "resume",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let co = try L.checkCoroutine(1)
                        let n = L.argumentCount - 1
                        switch try L.resumeFromNative(co, arguments: 2, count: n) {
                        case .success(let count):
                            // Results are on top; put true below them.
                            let t = L.current!
                            try L.ensureStack(1)
                            var i = t.top
                            while i > t.top - count {
                                t.stack[i] = t.stack[i - 1]
                                i -= 1
                            }
                            t.stack[t.top - count] = .true
                            t.top += 1
                            return count + 1
                        case .failure(let value):
                            return try L.returnValues(.false, value)
                        }
                    }
                ),
                (
                    "running",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t = L.current!
                        return try L.returnValues(Value(t), Value(t == L.mainThread))
                    }
                ),
                (
                    "status",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let co = try L.checkCoroutine(1)
                        return try L.returnValues(Value(try L.newString(L.coroutineStatus(co))))
                    }
                ),
                (
                    "isyieldable",
                    { (L: LuaState) throws(LuaError) -> Int in
                        try L.returnValues(Value(L.current.body.pointee.nonYieldable == 0))
                    }
                ),
                (
                    "wrap",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let f = try L.checkFunction(1)
                        let co = try L.newThread()
                        co.push(f)
                        let wrapper = try L.newNativeClosure(
                            { (L: LuaState) throws(LuaError) -> Int in
                                let co = L.currentNativeUpvalue(0).thread
                                switch try L.resumeFromNative(co, arguments: 1, count: L.argumentCount) {
                                case .success(let count): return count
                                case .failure(var value):
                                    if value.isString {
                                        var msg: [UInt8] = []
                                        L.appendPosition(level: 1, into: &msg)
                                        msg += value.string.array
                                        value = Value(try L.newString(msg))
                                    }
                                    throw L.raise(value)
                                }
                            }, upvalues: 1)
                        wrapper.upvalues[0] = Value(co)
                        return try L.returnValues(Value(wrapper))
                    }
                ),
                (
                    "yield",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t = L.current!
                        if t.body.pointee.nonYieldable > 0 {
                            if t == L.mainThread { throw L.runtimeError("attempt to yield from outside a coroutine") }
                            throw L.runtimeError("attempt to yield across a C-call boundary")
                        }
                        throw LuaError(.yield, .nil)
                    }
                ),
            ])
        markYieldable(lib, "yield")
        try setField(globals, "coroutine", Value(lib))
        try setLoaded("coroutine", Value(lib))
    }

    func checkCoroutine(_ n: Int) throws(LuaError) -> LuaThread {
        let v = argument(n)
        guard v.tag == .thread else { throw argumentError(n, "thread expected") }
        return v.thread
    }
}
