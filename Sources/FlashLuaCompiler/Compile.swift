import FlashLuaBytecode
import FlashLuaText

/// Compiles Lua 5.3 source text into the main function of a chunk, producing the same code,
/// constants and debug information as luac5.3. `chunkName` is the source name as `load` takes it
/// ("@file.lua", "=stdin", or the text itself); syntax errors read `chunk:line: message near 'token'`.
/// `nestingLevel` is how deep in C calls the compile starts (it counts toward the 200-level limit).
/// `numbers` is the target's number model: numerals are read and constants folded as it computes.
public func compile(
    _ source: UnsafeBufferPointer<UInt8>, chunkName: [UInt8], nestingLevel: Int = 1, numbers: NumberModel = .int64Double
) throws(CompileError)
    -> FunctionDescription
{
    let compiler = Compiler(source: source, chunkName: chunkName, initialLevel: nestingLevel, numbers: numbers)
    return try compiler.mainFunction()
}

public func compile(
    _ source: [UInt8], chunkName: [UInt8], nestingLevel: Int = 1, numbers: NumberModel = .int64Double
) throws(CompileError) -> FunctionDescription {
    try source.withUnsafeBufferPointer { (buffer) throws(CompileError) -> FunctionDescription in
        try compile(buffer, chunkName: chunkName, nestingLevel: nestingLevel, numbers: numbers)
    }
}
