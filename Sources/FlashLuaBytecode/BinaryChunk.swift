/// Lua 5.3 binary chunks (ldump.c/lundump.c format, 64-bit integers and doubles), written
/// byte-compatible with `luac5.3`, and read back with full verification so a corrupt or hostile
/// chunk is rejected before anything runs.
public enum BinaryChunk {
    public static let signature: [UInt8] = [0x1B, 0x4C, 0x75, 0x61]  // ESC "Lua"
    static let version: UInt8 = 0x53
    static let format: UInt8 = 0
    static let data: [UInt8] = [0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A]
    static let checkInteger: Int64 = 0x5678
    static let checkNumber: Double = 370.5

    // Constant type tags as lua5.3 writes them (type | variant << 4).
    static let tagNil: UInt8 = 0
    static let tagBoolean: UInt8 = 1
    static let tagFloat: UInt8 = 3
    static let tagInteger: UInt8 = 3 | (1 << 4)
    static let tagShortString: UInt8 = 4
    static let tagLongString: UInt8 = 4 | (1 << 4)

    /// string.dump / luac: the chunk for `f`; `strip` drops debug information.
    public static func dump(_ f: FunctionDescription, strip: Bool) -> [UInt8] {
        var w = ChunkWriter()
        w.bytes += signature
        w.byte(version)
        w.byte(format)
        w.bytes += data
        w.byte(4)  // sizeof(int)
        w.byte(8)  // sizeof(size_t)
        w.byte(4)  // sizeof(Instruction)
        w.byte(8)  // sizeof(lua_Integer)
        w.byte(8)  // sizeof(lua_Number)
        w.integer(checkInteger)
        w.number(checkNumber)
        w.byte(UInt8(truncatingIfNeeded: f.upvalues.count))
        w.function(f, parentSource: nil, strip: strip)
        return w.bytes
    }

    /// lundump: parses and verifies a chunk. Errors read like lua5.3's
    /// ("name: truncated precompiled chunk") or name the verification failure.
    public static func undump(_ bytes: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(ChunkLoadError) -> FunctionDescription {
        var r = ChunkReader(bytes: bytes, name: displayName(chunkName))
        try r.header()
        let upvalueCount = try r.byte()
        let f = try r.function(parentSource: nil, depth: 0)
        // lua5.3 sizes the main closure by this byte and ignores bytes after the chunk. A larger
        // count only adds unreachable upvalues; a smaller one would leave the function's
        // upvalues missing, so that stays an error.
        if Int(upvalueCount) < f.upvalues.count { throw r.error("corrupted") }
        try Verifier.verify(f, name: r.name)
        return f
    }

    static func displayName(_ chunkName: [UInt8]) -> [UInt8] {
        guard let first = chunkName.first else { return [] }
        if first == UInt8(ascii: "@") || first == UInt8(ascii: "=") { return Array(chunkName.dropFirst()) }
        if first == 0x1B { return Array("binary string".utf8) }
        return chunkName
    }
}

public struct ChunkLoadError: Error, Sendable {
    public var message: [UInt8]
    public init(message: [UInt8]) { self.message = message }
}

struct ChunkWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func int32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func integer(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func size(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func number(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }

    mutating func string(_ s: [UInt8]?) {
        guard let s else {
            byte(0)
            return
        }
        let n = s.count + 1
        if n < 0xFF {
            byte(UInt8(n))
        } else {
            byte(0xFF)
            size(UInt64(n))
        }
        bytes += s
    }

    mutating func function(_ f: FunctionDescription, parentSource: [UInt8]?, strip: Bool) {
        if strip || f.source == parentSource { string(nil) } else { string(f.source) }
        int32(f.lineDefined)
        int32(f.lastLineDefined)
        byte(f.numParams)
        byte(f.isVararg ? 1 : 0)
        byte(f.maxStackSize)
        int32(Int32(f.code.count))
        for i in f.code { withUnsafeBytes(of: i.littleEndian) { bytes += $0 } }
        int32(Int32(f.constants.count))
        for k in f.constants {
            switch k {
            case .nil: byte(BinaryChunk.tagNil)
            case .boolean(let b):
                byte(BinaryChunk.tagBoolean)
                byte(b ? 1 : 0)
            case .float(let d):
                byte(BinaryChunk.tagFloat)
                number(d)
            case .integer(let i):
                byte(BinaryChunk.tagInteger)
                integer(i)
            case .string(let s):
                byte(s.count <= 40 ? BinaryChunk.tagShortString : BinaryChunk.tagLongString)
                string(s)
            }
        }
        int32(Int32(f.upvalues.count))
        for u in f.upvalues {
            byte(u.inStack ? 1 : 0)
            byte(u.index)
        }
        int32(Int32(f.protos.count))
        for p in f.protos { function(p, parentSource: f.source, strip: strip) }
        int32(strip ? 0 : Int32(f.lineInfo.count))
        if !strip { for l in f.lineInfo { int32(l) } }
        int32(strip ? 0 : Int32(f.localVariables.count))
        if !strip {
            for l in f.localVariables {
                string(l.name)
                int32(l.startPC)
                int32(l.endPC)
            }
        }
        int32(strip ? 0 : Int32(f.upvalues.count))
        if !strip { for u in f.upvalues { string(u.name) } }
    }
}

struct ChunkReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let name: [UInt8]
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, name: [UInt8]) {
        self.bytes = bytes
        self.name = name
    }

    func error(_ why: String) -> ChunkLoadError {
        ChunkLoadError(message: name + Array(": \(why) precompiled chunk".utf8))
    }

    mutating func take(_ n: Int) throws(ChunkLoadError) -> UnsafeBufferPointer<UInt8> {
        guard n >= 0, bytes.count - position >= n else { throw error("truncated") }
        let slice = UnsafeBufferPointer(rebasing: bytes[position..<(position + n)])
        position += n
        return slice
    }

    mutating func byte() throws(ChunkLoadError) -> UInt8 { try take(1)[0] }

    mutating func load<T: FixedWidthInteger>(_ type: T.Type) throws(ChunkLoadError) -> T {
        let b = try take(MemoryLayout<T>.size)
        return T(littleEndian: UnsafeRawBufferPointer(b).loadUnaligned(as: T.self))
    }

    mutating func int32() throws(ChunkLoadError) -> Int32 { try load(Int32.self) }

    /// A count that must be non-negative and plausible for the bytes left.
    mutating func count(elementSize: Int) throws(ChunkLoadError) -> Int {
        let n = Int(try int32())
        if n < 0 { throw error("corrupted") }
        if n * max(elementSize, 1) > bytes.count - position { throw error("truncated") }
        return n
    }

    mutating func string() throws(ChunkLoadError) -> [UInt8]? {
        var n = Int(try byte())
        if n == 0xFF {
            let big = try load(UInt64.self)
            guard big <= UInt64(bytes.count) else { throw error("truncated") }
            n = Int(big)
        }
        if n == 0 { return nil }
        return Array(try take(n - 1))
    }

    mutating func header() throws(ChunkLoadError) {
        let sig = try take(4)
        if !sig.elementsEqual(BinaryChunk.signature) { throw error("not a") }
        if try byte() != BinaryChunk.version { throw error("version mismatch in") }
        if try byte() != BinaryChunk.format { throw error("format mismatch in") }
        if !(try take(6)).elementsEqual(BinaryChunk.data) { throw error("corrupted") }
        for (size, what) in [(4, "int"), (8, "size_t"), (4, "Instruction"), (8, "lua_Integer"), (8, "lua_Number")] {
            if Int(try byte()) != size { throw error("\(what) size mismatch in") }
        }
        if try load(Int64.self) != BinaryChunk.checkInteger { throw error("endianness mismatch in") }
        if Double(bitPattern: try load(UInt64.self)) != BinaryChunk.checkNumber { throw error("float format mismatch in") }
    }

    mutating func function(parentSource: [UInt8]?, depth: Int) throws(ChunkLoadError) -> FunctionDescription {
        if depth > 200 { throw error("corrupted") }
        var f = FunctionDescription()
        f.source = try string() ?? parentSource
        f.lineDefined = try int32()
        f.lastLineDefined = try int32()
        f.numParams = try byte()
        f.isVararg = try byte() != 0
        f.maxStackSize = try byte()
        let codeCount = try count(elementSize: 4)
        f.code.reserveCapacity(codeCount)
        for _ in 0..<codeCount { f.code.append(try load(UInt32.self)) }
        let constantCount = try count(elementSize: 1)
        for _ in 0..<constantCount {
            switch try byte() {
            case BinaryChunk.tagNil: f.constants.append(.nil)
            case BinaryChunk.tagBoolean: f.constants.append(.boolean(try byte() != 0))
            case BinaryChunk.tagFloat: f.constants.append(.float(Double(bitPattern: try load(UInt64.self))))
            case BinaryChunk.tagInteger: f.constants.append(.integer(try load(Int64.self)))
            case BinaryChunk.tagShortString, BinaryChunk.tagLongString:
                guard let s = try string() else { throw error("corrupted") }
                f.constants.append(.string(s))
            default: throw error("corrupted")
            }
        }
        let upvalueCount = try count(elementSize: 2)
        for _ in 0..<upvalueCount {
            let inStack = try byte()
            let index = try byte()
            f.upvalues.append(UpvalueDescription(name: nil, inStack: inStack != 0, index: index))
        }
        let protoCount = try count(elementSize: 1)
        for _ in 0..<protoCount { f.protos.append(try function(parentSource: f.source, depth: depth + 1)) }
        let lineCount = try count(elementSize: 4)
        for _ in 0..<lineCount { f.lineInfo.append(try int32()) }
        let localCount = try count(elementSize: 9)
        for _ in 0..<localCount {
            guard let name = try string() else { throw error("corrupted") }
            let start = try int32()
            let end = try int32()
            f.localVariables.append(LocalVariableDescription(name: name, startPC: start, endPC: end))
        }
        let upvalueNameCount = try count(elementSize: 1)
        if upvalueNameCount != 0 && upvalueNameCount != upvalueCount { throw error("corrupted") }
        for i in 0..<upvalueNameCount { f.upvalues[i].name = try string() }
        return f
    }
}
