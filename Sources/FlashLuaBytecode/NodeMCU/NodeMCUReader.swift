import FlashLuaText

/// lundump.c's decodings over `ChunkReader`'s bounds-checked bytes, with every count, index and
/// integer checked, so corrupt or hostile input is an error, never a trap.
struct NodeMCUReader {
    var input: ChunkReader
    var numbers: NumberModel = .int32Float
    /// Format 11: strings are references into the image's string vector (1-based).
    var strings: [[UInt8]]? = nil

    init(bytes: UnsafeBufferPointer<UInt8>, name: [UInt8]) {
        input = ChunkReader(bytes: bytes, name: name)
    }

    var name: [UInt8] { input.name }
    var remaining: Int { input.bytes.count - input.position }

    func error(_ why: String) -> ChunkLoadError { input.error(why) }

    mutating func byte() throws(ChunkLoadError) -> UInt8 { try input.byte() }

    mutating func take(_ n: Int) throws(ChunkLoadError) -> UnsafeBufferPointer<UInt8> { try input.take(n) }

    /// LoadInt's continuation bytes onto `x`; more than `limit` is corrupt.
    mutating func continuation(_ start: UInt64, limit: UInt64) throws(ChunkLoadError) -> UInt64 {
        var x = start
        while true {
            let b = try byte()
            guard x <= (limit >> 7) else { throw error("corrupted") }
            x = (x << 7) + UInt64(b & 0x7F)
            guard x <= limit else { throw error("corrupted") }
            if b & 0x80 == 0 { return x }
        }
    }

    /// LoadInt: a count, size or pc (at most Int32.max here).
    mutating func int() throws(ChunkLoadError) -> Int {
        Int(try continuation(0, limit: UInt64(Int32.max)))
    }

    /// A count of elements each taking at least `minimumBytes` of what is left.
    mutating func count(minimumBytes: Int) throws(ChunkLoadError) -> Int {
        let n = try int()
        if n > remaining / max(minimumBytes, 1) { throw error("truncated") }
        return n
    }

    /// LoadInteger: the type byte's data bits, then continuation bytes when its high bit is set.
    mutating func typedInt(_ type: UInt8, limit: UInt64) throws(ChunkLoadError) -> Int64 {
        let start = UInt64(type & NodeMCUFormat.dataMask)
        let x = type & 0x80 != 0 ? try continuation(start, limit: limit) : start
        if x > limit { throw error("corrupted") }
        return type & NodeMCUFormat.typeMask == NodeMCUFormat.typeNegativeInteger ? -Int64(x) - 1 : Int64(x)
    }

    /// An integer constant within the model's range.
    mutating func integer(_ type: UInt8) throws(ChunkLoadError) -> Int64 {
        try typedInt(type, limit: UInt64(numbers.maxInteger))
    }

    mutating func number() throws(ChunkLoadError) -> Double {
        if numbers.floatBytes == 4 { return Double(Float(bitPattern: try input.load(UInt32.self))) }
        return Double(bitPattern: try input.load(UInt64.self))
    }

    /// LoadString_: nil for the NULL string (length 0).
    mutating func string(type: UInt8? = nil) throws(ChunkLoadError) -> [UInt8]? {
        let t: UInt8
        if let type { t = type } else { t = try byte() }
        let n = Int(try typedInt(t, limit: UInt64(Int32.max))) - 1
        if n < 0 { return nil }
        if let strings {
            guard n < strings.count else { throw error("corrupted") }
            return strings[n]
        }
        return Array(try take(n))
    }

    /// checkHeader, after the first signature byte: the number model comes from the sizes.
    mutating func header(format: UInt8) throws(ChunkLoadError) {
        if !(try take(3)).elementsEqual(NodeMCUFormat.signature.dropFirst()) { throw error("not a") }
        if try byte() != NodeMCUFormat.version { throw error("version mismatch in") }
        if try byte() != format { throw error("format mismatch in") }
        if !(try take(6)).elementsEqual(NodeMCUFormat.data) { throw error("corrupted") }
        if try byte() != 4 { throw error("int size mismatch in") }
        if try byte() != 4 { throw error("Instruction size mismatch in") }
        switch try byte() {
        case 4: numbers = .int32Float
        case 8: numbers = .int64Double
        default: throw error("lua_Integer size mismatch in")
        }
        if Int(try byte()) != numbers.floatBytes { throw error("lua_Number size mismatch in") }
        _ = try byte()  // the number's type byte
        if try number() != NodeMCUFormat.checkNumber { throw error("float format mismatch in") }
    }

    /// LoadFunction.
    mutating func function(parentSource: [UInt8]?, depth: Int) throws(ChunkLoadError) -> FunctionDescription {
        if depth > 200 { throw error("corrupted") }
        var f = FunctionDescription()
        f.source = try string() ?? parentSource
        f.lineDefined = Int32(try int())
        f.lastLineDefined = Int32(try int())
        f.numParams = try byte()
        f.isVararg = try byte() != 0
        f.maxStackSize = try byte()
        let protoCount = try count(minimumBytes: 1)
        for _ in 0..<protoCount { f.protos.append(try function(parentSource: f.source, depth: depth + 1)) }
        let codeCount = try count(minimumBytes: 4)
        f.code.reserveCapacity(codeCount)
        for _ in 0..<codeCount { f.code.append(try input.load(UInt32.self)) }
        try constants(&f)
        try upvalues(&f)
        try debug(&f)
        return f
    }

    mutating func constants(_ f: inout FunctionDescription) throws(ChunkLoadError) {
        let n = try count(minimumBytes: 1)
        for _ in 0..<n {
            let type = try byte()
            switch type & NodeMCUFormat.typeMask {
            case NodeMCUFormat.typeNil: f.constants.append(.nil)
            case NodeMCUFormat.typeBoolean: f.constants.append(.boolean(type != NodeMCUFormat.typeBoolean))
            case NodeMCUFormat.typeFloat: f.constants.append(.float(try number()))
            case NodeMCUFormat.typePositiveInteger, NodeMCUFormat.typeNegativeInteger:
                f.constants.append(.integer(try integer(type)))
            case NodeMCUFormat.typeShortString, NodeMCUFormat.typeLongString:
                guard let s = try string(type: type) else { throw error("corrupted") }
                f.constants.append(.string(s))
            default: throw error("corrupted")
            }
        }
    }

    mutating func upvalues(_ f: inout FunctionDescription) throws(ChunkLoadError) {
        let hasNames = try byte() != 0
        let n = try count(minimumBytes: 2)
        for _ in 0..<n {
            let name = hasNames ? try string() : nil
            let inStack = try byte()
            let index = try byte()
            f.upvalues.append(UpvalueDescription(name: name, inStack: inStack != 0, index: index))
        }
    }

    mutating func debug(_ f: inout FunctionDescription) throws(ChunkLoadError) {
        let lineBytes = try count(minimumBytes: 1)
        if lineBytes > 0 {
            let packed = Array(try take(lineBytes))
            guard let lines = PackedLineInfo.decode(packed, codeCount: f.code.count) else {
                throw error("corrupted")
            }
            f.lineInfo = lines
            f.packedLineInfo = packed
        }
        let localCount = try count(minimumBytes: 3)
        for _ in 0..<localCount {
            guard let name = try string() else { throw error("corrupted") }
            let start = Int32(try int())
            let end = Int32(try int())
            f.localVariables.append(LocalVariableDescription(name: name, startPC: start, endPC: end))
        }
    }
}
