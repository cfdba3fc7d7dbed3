import FlashLuaBytecode
import FlashLuaText

/// A chunk's constants in the state's number model. A 32-bit state can load code written for
/// 64-bit numbers (a lua5.3 binary chunk, or text from a compiler that folded in 64 bits): its
/// floats are rounded to single precision as the chip's loader would read them, and an integer
/// the chip cannot hold is an error rather than a silently different program.
extension LuaState {
    package func fitConstantsToNumbers(_ f: FunctionDescription, chunkName: [UInt8]) throws(LuaError) -> FunctionDescription {
        if numbers == .int64Double { return f }
        var fitted = f
        try fitConstants(&fitted, chunkName: chunkName)
        return fitted
    }

    private func fitConstants(_ f: inout FunctionDescription, chunkName: [UInt8]) throws(LuaError) {
        for (index, constant) in f.constants.enumerated() {
            switch constant {
            case .integer(let i) where !numbers.contains(i):
                let name = String(decoding: chunkID(chunkName), as: UTF8.self)
                throw LuaError(
                    .syntax,
                    Value(try newString("\(name): integer constant \(i) out of range for 32-bit numbers")))
            case .float(let d):
                f.constants[index] = .float(numbers.round(d))
            default:
                break
            }
        }
        for index in f.protos.indices { try fitConstants(&f.protos[index], chunkName: chunkName) }
    }
}
