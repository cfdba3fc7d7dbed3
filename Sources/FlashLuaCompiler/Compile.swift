import FlashLuaBytecode

/// Compiles Lua 5.3 source text into the main function of a chunk. `chunkName` is the source name
/// as `load` takes it ("@file.lua", "=stdin", or the text itself).
public func compile(_ source: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(CompileError) -> FunctionDescription {
    throw CompileError(message: Array("compiler not yet available".utf8))
}

public func compile(_ source: [UInt8], chunkName: [UInt8]) throws(CompileError) -> FunctionDescription {
    try source.withUnsafeBufferPointer { (buffer) throws(CompileError) -> FunctionDescription in
        try compile(buffer, chunkName: chunkName)
    }
}
