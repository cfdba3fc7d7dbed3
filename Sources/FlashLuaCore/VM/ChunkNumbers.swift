import FlashLuaBytecode
import FlashLuaText

/// A chunk's constants in the state's number model. A 32-bit state can load code written for
/// 64-bit numbers (a lua5.3 binary chunk, or text from a compiler that folded in 64 bits): its
/// floats are rounded to single precision as the chip's loader would read them, and an integer
/// the chip cannot hold is an error rather than a silently different program.
extension LuaState {
    package func fitConstantsToNumbers(_ f: FunctionDescription, chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        if numbers == .int64Double { return f }
        if let i = integerConstantOutOfRange(f) {
            let name = String(decoding: chunkID(chunkName), as: UTF8.self)
            throw LuaError(.syntax, Value(try newString("\(name): integer constant \(i) out of range for 32-bit numbers")))
        }
        return floatConstantsRounded(f)
    }

    /// The tree with every float constant rounded to the model's precision (for code whose
    /// integers were checked when it was first loaded, as a soft function's reloaded code).
    package func floatConstantsRounded(_ f: FunctionDescription) -> FunctionDescription {
        if numbers == .int64Double { return f }
        var rounded = f
        for (index, constant) in f.constants.enumerated() {
            if case .float(let d) = constant { rounded.constants[index] = .float(numbers.round(d)) }
        }
        rounded.protos = f.protos.map { floatConstantsRounded($0) }
        return rounded
    }

    private func integerConstantOutOfRange(_ f: FunctionDescription) -> Int64? {
        for case .integer(let i) in f.constants where !numbers.contains(i) { return i }
        for child in f.protos { if let i = integerConstantOutOfRange(child) { return i } }
        return nil
    }
}
