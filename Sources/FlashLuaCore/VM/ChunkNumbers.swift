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

extension LuaState {
    /// What in the mounted image this state's model cannot run, or nil. An image's prototypes are
    /// read-only (ROM on a chip), so nothing can be rounded: a 32-bit state refuses an image with
    /// an integer constant beyond 32 bits or a float constant that is not a single.
    public func imageNumberProblem() -> String? {
        guard numbers == .int32Float, let image = flashImage else { return nil }
        for i in 0..<image.entryCount {
            let entry = image.entry(i)
            guard entry.isModule else { continue }
            if let problem = numberProblem(in: Proto(entry.target)) {
                return "LFS module '\(String(decoding: entry.name, as: UTF8.self))': \(problem) (the image was built for 64-bit numbers)"
            }
        }
        return nil
    }

    private func numberProblem(in p: Proto) -> String? {
        for k in 0..<p.constantCount {
            let v = p.constants[k]
            if v.tag == .integer && !numbers.contains(v.integer) {
                return "integer constant \(v.integer) out of range for 32-bit numbers"
            }
            if v.tag == .float && !v.float.isNaN && numbers.round(v.float) != v.float {
                return "float constant \(v.float) is not a 32-bit float"
            }
        }
        for c in 0..<p.protoCount { if let problem = numberProblem(in: p.child(c)) { return problem } }
        return nil
    }
}
