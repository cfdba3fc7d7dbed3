import FlashLuaBytecode
import FlashLuaCompiler

/// Loading chunks: source text through the compiler, binary chunks through the verifier, files
/// through the host (lua_load, luaL_loadfilex).
extension LuaState {
    /// Compiles text (or loads a binary chunk) into a new Lua function with `_ENV` as its first
    /// upvalue. Syntax errors come back as `.syntax` errors carrying the message.
    package func load(_ chunk: UnsafeBufferPointer<UInt8>, chunkName: [UInt8], mode: [UInt8] = Array("bt".utf8), env: Value? = nil)
        throws(LuaError)
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
    package func describeChunk(_ chunk: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        if chunk.count > 0 && chunk[0] == 0x1B {
            return try fitConstantsToNumbers(try loadBinaryChunk(chunk, chunkName: chunkName), chunkName: chunkName)
        }
        let compiled: FunctionDescription
        do {
            compiled = try compile(chunk, chunkName: chunkName, numbers: numbers)
        } catch {
            throw LuaError(.syntax, Value(try newString(error.message)))
        }
        return try fitConstantsToNumbers(compiled, chunkName: chunkName)
    }

    /// A whole file's chunk, as luaL_loadfilex reads it: a byte-order mark and a first line
    /// starting with '#' are skipped (its newline kept, so line numbers stay right; a binary chunk may follow it).
    package func describeFile(_ bytes: [UInt8], chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        try bytes.withUnsafeBufferPointer { (b) throws(LuaError) in
            try describeChunk(UnsafeBufferPointer(rebasing: b[LuaState.chunkStart(inFile: b)...]), chunkName: chunkName)
        }
    }

    /// Where a file's chunk starts: past a UTF-8 byte-order mark, then past a first line
    /// starting with '#' (luaL_loadfilex's skipBOM and skipcomment).
    package static func chunkStart(inFile bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if start < bytes.count && bytes[start] == UInt8(ascii: "#") {
            while start < bytes.count && bytes[start] != 10 { start += 1 }
            if start + 1 < bytes.count && bytes[start + 1] == 0x1B { start += 1 }
        }
        return start
    }

    /// Bytes a compiled tree takes at most once laid out on the heap: the prototype blocks and a
    /// new string for each string they refer to (strings that exist already cost nothing). A
    /// child's source is its parent's.
    package func heapSize(ofPrototypes f: FunctionDescription, source parent: [UInt8]?) -> Int {
        func stringSize(_ s: [UInt8]) -> Int { heapModel.bytes(.string(length: s.count)) }
        var size =
            (heapModel == .native ? ProtoLayout(f).totalSize : heapModel.bytes(.proto(ProtoShape(f))))
            + Proto.trailerCharge(softFlags: 0, model: heapModel)
        if let s = f.source, s != parent { size += stringSize(s) }
        for k in f.constants { if case .string(let s) = k { size += stringSize(s) } }
        for u in f.upvalues { if let n = u.name { size += stringSize(n) } }
        for l in f.localVariables { size += stringSize(l.name) }
        for c in f.protos { size += heapSize(ofPrototypes: c, source: f.source) }
        return size
    }

    /// Bytes of a main closure and its fresh upvalues.
    package func mainClosureSize(upvalues n: Int) -> Int {
        heapModel.bytes(.luaClosure(upvalues: n)) + n * heapModel.bytes(.upvalue)
    }

    /// A chunk's main function on `proto` (heap or image): fresh upvalues, the first being `_ENV`.
    package func newMainClosure(_ proto: Proto, env: Value) throws(LuaError) -> LuaClosure {
        gcBlocked += 1
        defer { gcBlocked -= 1 }
        let closure = try newLuaClosure(proto, upvalues: proto.upvalueCount)
        for i in 0..<proto.upvalueCount { closure.upvalues[i] = try newUpvalue().raw }
        if proto.upvalueCount > 0 { closure.upvalue(0).pointer.pointee = env }
        return closure
    }

    package func loadBinaryChunk(_ chunk: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        do {
            // NodeMCU's own .lc (format 10, luac.cross or flashluac --nodemcu) as well as lua5.3's.
            if NodeMCUChunk.isChunk(chunk) { return try NodeMCUChunk.undump(chunk, chunkName: chunkName).function }
            return try BinaryChunk.undump(chunk, chunkName: chunkName)
        } catch {
            throw LuaError(.syntax, Value(try newString(error.message)))
        }
    }

    /// loadfile: reads through the host, skips a '#' first line, chunk name "@name".
    package func loadFile(_ name: String?, mode: [UInt8], env: Value?) throws(LuaError) -> LuaClosure {
        let displayName = name ?? "stdin"
        let bytes: [UInt8]
        switch host.readFile(name) {
        case .bytes(let b): bytes = b
        case .failure(let reason):
            throw LuaError(.syntax, Value(try newString("cannot open \(displayName): \(reason)")))
        case .unreadable(let reason):
            throw LuaError(.syntax, Value(try newString("cannot read \(displayName): \(reason)")))
        }
        let chunkName = name.map { Array("@\($0)".utf8) } ?? Array("=stdin".utf8)
        return try bytes.withUnsafeBufferPointer { b throws(LuaError) in
            try load(UnsafeBufferPointer(rebasing: b[LuaState.chunkStart(inFile: b)...]), chunkName: chunkName, mode: mode, env: env)
        }
    }
}
