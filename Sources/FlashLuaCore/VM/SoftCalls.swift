import FlashLuaBytecode

/// Calling soft functions (Objects/SoftFunction.swift): a call of a stub loads the code first
/// (`precall`); a load-and-discard function counts its running frames and gets its stub back
/// when the last one ends, whether by return, tail call, error unwinding or the death of the
/// coroutine it was suspended in.
extension LuaState {
    /// Loads the code of the stub closure `closure` and installs it. Errors name the file and
    /// carry the caller's position (no frame of the function exists yet).
    package func loadSoftCode(_ closure: LuaClosure) throws(LuaError) -> Proto {
        // A collection point, as lua5.3's precall growing the stack is: a loop of flushed calls
        // makes nothing but code garbage, and without one it would pile up to the heap limit.
        if totalBytes >= gcThreshold { try collectIfAllowed() }
        let stub = closure.proto
        if stub.softFlags & SoftFlags.stub == 0 { return stub }  // loaded by a finalizer meanwhile
        let description = try softDescription(stub)
        guard
            description.numParams == stub.numParams && description.isVararg == stub.isVararg
                && Int(description.maxStackSize) == stub.maxStackSize && description.upvalues.count == closure.upvalueCount
        else {
            throw runtimeError("softmodule: '\(stub.codePath)' does not match the function it replaced")
        }
        let flags = stub.softMode == .flushed ? SoftFlags.flushed : SoftFlags.cached
        // The code is laid out with the collector blocked: free the room first (the garbage of
        // earlier flushed calls is usually there).
        makeRoom(heapSize(ofPrototypes: description, source: nil) + Proto.trailerSize(softFlags: flags))
        let code = try newProto(description, softFlags: flags)
        if flags == SoftFlags.flushed { code.stub = stub }
        closure.setProto(code)
        return code
    }

    /// The function a stub stands for, read from its `.lc` file and checked against the
    /// checksum taken when it was injected (a changed or damaged file is an error, not other code).
    package func softDescription(_ stub: Proto) throws(LuaError) -> FunctionDescription {
        switch readSoftCode(stub) {
        case .success(let description): return description
        case .failure(let failure): throw runtimeError("softmodule: " + failure.message)
        }
    }

    package struct SoftCodeFailure: Error {
        package let message: String
    }

    /// `softDescription` without raising a Lua error (which would run a message handler).
    package func readSoftCode(_ stub: Proto) -> Result<FunctionDescription, SoftCodeFailure> {
        let path = stub.codePath
        let bytes: [UInt8]
        switch host.readFile(path) {
        case .bytes(let b): bytes = b
        case .failure(let reason), .unreadable(let reason):
            return .failure(SoftCodeFailure(message: "cannot load '\(path)': \(reason)"))
        }
        let checksum = bytes.withUnsafeBytes { crc32($0) }
        guard checksum == stub.codeChecksum else {
            return .failure(SoftCodeFailure(message: "'\(path)' has changed since its function was injected"))
        }
        do {
            let code = try bytes.withUnsafeBufferPointer { (b) throws(ChunkLoadError) -> FunctionDescription in
                try BinaryChunk.undump(b, chunkName: Array(("@" + path).utf8))
            }
            // Its integers were checked against the model when the module was first loaded.
            return .success(floatConstantsRounded(code))
        } catch {
            return .failure(SoftCodeFailure(message: String(decoding: error.message, as: UTF8.self)))
        }
    }

    @inline(never) package func enterFlushedFrame(_ code: Proto) {
        let stub = code.stub
        stub.activeFrames += 1
        softFrames += 1
    }

    /// A frame of a load-and-discard function ended.
    @inline(never) package func leaveFlushedFrame(_ closure: LuaClosure) {
        let stub = closure.proto.stub
        stub.activeFrames -= 1
        softFrames -= 1
        if stub.activeFrames == 0 { closure.setProto(stub) }
    }

    /// Uncounts the load-and-discard frames above `index` whose closure `isAlive`.
    package func leaveFlushedFrames(_ t: LuaThread, above index: Int, isAlive: (UnsafeMutableRawPointer) -> Bool) {
        forEachLuaFrame(t, above: index) { closure in
            if isAlive(closure.raw) && closure.proto.softFlags & SoftFlags.flushed != 0 { leaveFlushedFrame(closure) }
            return true
        }
    }
}
