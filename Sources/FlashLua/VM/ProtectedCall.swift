import FlashLuaBytecode
import FlashLuaCompiler

/// Protected calls and chunk loading.
extension LuaState {
    /// Calls the value at funcIndex in protected mode. On error the stack is cut back to
    /// funcIndex with the error value there, and the error is returned. Yields pass through.
    func protectedCall(_ funcIndex: Int, wanted: Int, handler: Int) throws(LuaError) -> LuaError? {
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

    /// Compiles text (or loads a binary chunk) into a new Lua function with `_ENV` as its first
    /// upvalue. Syntax errors come back as `.syntax` errors carrying the message.
    func load(_ chunk: UnsafeBufferPointer<UInt8>, chunkName: [UInt8], mode: [UInt8] = Array("bt".utf8), env: Value? = nil) throws(LuaError)
        -> LuaClosure
    {
        let isBinary = chunk.count > 0 && chunk[0] == 0x1B
        if isBinary && !mode.contains(UInt8(ascii: "b")) {
            throw LuaError(
                .syntax, Value(try newString("attempt to load a binary chunk (mode is '\(String(decoding: mode, as: UTF8.self))')")))
        }
        if !isBinary && !mode.contains(UInt8(ascii: "t")) {
            throw LuaError(
                .syntax, Value(try newString("attempt to load a text chunk (mode is '\(String(decoding: mode, as: UTF8.self))')")))
        }
        let description = try describeChunk(chunk, chunkName: chunkName)
        // The prototypes and the closure are made with the collector blocked (a half-built tree
        // must not be traversed): collect first if they may not fit, so that a heap full of
        // garbage is collected instead of failing with "not enough memory".
        makeRoom(heapSize(ofPrototypes: description, source: nil) + mainClosureSize(upvalues: description.upvalues.count))
        return try newMainClosure(try newProto(description), env: env ?? Value(globals))
    }

    /// Source text compiled, or a binary chunk undumped (and verified): syntax and format errors
    /// come back as `.syntax` errors carrying the message.
    func describeChunk(_ chunk: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        if chunk.count > 0 && chunk[0] == 0x1B { return try loadBinaryChunk(chunk, chunkName: chunkName) }
        do {
            return try compile(chunk, chunkName: chunkName)
        } catch {
            throw LuaError(.syntax, Value(try newString(error.message)))
        }
    }

    /// A whole file's chunk, as luaL_loadfilex reads it: a first line starting with '#' is
    /// skipped (its newline kept, so line numbers stay right; a binary chunk may follow it).
    func describeFile(_ bytes: [UInt8], chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        try bytes.withUnsafeBufferPointer { (b) throws(LuaError) in
            try describeChunk(UnsafeBufferPointer(rebasing: b[LuaState.chunkStart(inFile: b)...]), chunkName: chunkName)
        }
    }

    /// Where a file's chunk starts: past a first line starting with '#' (luaL_loadfilex).
    static func chunkStart(inFile bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        if bytes.first == UInt8(ascii: "#") {
            while start < bytes.count && bytes[start] != 10 { start += 1 }
            if start + 1 < bytes.count && bytes[start + 1] == 0x1B { start += 1 }
        }
        return start
    }

    /// Bytes a compiled tree takes at most once laid out on the heap: the prototype blocks and a
    /// new string for each string they refer to (strings that exist already cost nothing). A
    /// child's source is its parent's.
    func heapSize(ofPrototypes f: FunctionDescription, source parent: [UInt8]?) -> Int {
        func stringSize(_ s: [UInt8]) -> Int { heapModel.bytes(.string(length: s.count)) }
        var size = heapModel == .native ? ProtoLayout(f).totalSize : heapModel.bytes(.proto(ProtoShape(f)))
        if let s = f.source, s != parent { size += stringSize(s) }
        for k in f.constants { if case .string(let s) = k { size += stringSize(s) } }
        for u in f.upvalues { if let n = u.name { size += stringSize(n) } }
        for l in f.localVariables { size += stringSize(l.name) }
        for c in f.protos { size += heapSize(ofPrototypes: c, source: f.source) }
        return size
    }

    /// Bytes of a main closure and its fresh upvalues.
    func mainClosureSize(upvalues n: Int) -> Int {
        heapModel.bytes(.luaClosure(upvalues: n)) + n * heapModel.bytes(.upvalue)
    }

    /// A chunk's main function on `proto` (heap or image): fresh upvalues, the first being `_ENV`.
    func newMainClosure(_ proto: Proto, env: Value) throws(LuaError) -> LuaClosure {
        gcBlocked += 1
        defer { gcBlocked -= 1 }
        let closure = try newLuaClosure(proto, upvalues: proto.upvalueCount)
        for i in 0..<proto.upvalueCount { closure.upvalues[i] = try newUpvalue().raw }
        if proto.upvalueCount > 0 { closure.upvalue(0).pointer.pointee = env }
        return closure
    }

    func loadBinaryChunk(_ chunk: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        do {
            return try BinaryChunk.undump(chunk, chunkName: chunkName)
        } catch {
            throw LuaError(.syntax, Value(try newString(error.message)))
        }
    }
}
