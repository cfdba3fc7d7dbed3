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
                        L.push(f, onto: co)
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
                            try L.insert(.true, belowTop: count)
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
                        try L.returnValues(Value(L.isYieldable))
                    }
                ),
                (
                    "wrap",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let f = try L.checkFunction(1)
                        let co = try L.newThread()
                        L.push(f, onto: co)
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
                        throw L.yieldFromNative()
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
