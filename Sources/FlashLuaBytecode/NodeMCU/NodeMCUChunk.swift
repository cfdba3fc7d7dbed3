import FlashLuaText

/// NodeMCU's `.lc` files (format 10): what luac.cross writes without -f (ldump.c luaU_dump) and
/// what a NodeMCU firmware's loader reads (lundump.c luaU_undump), for either number model.
public enum NodeMCUChunk {
    /// A loaded `.lc`: the verified main function and the number model its header names.
    public struct Loaded: Sendable {
        public var function: FunctionDescription
        public var numbers: NumberModel
    }

    /// luaU_dump. Throws when an integer constant does not fit the model (luac.cross's
    /// "value too big or small for target integer type").
    public static func dump(
        _ f: FunctionDescription, numbers: NumberModel, strip: NodeMCUStrip
    ) throws(NodeMCUDumpError) -> [UInt8] {
        var w = NodeMCUWriter(numbers: numbers, strip: strip)
        w.header(format: NodeMCUFormat.chunkFormat)
        w.byte(UInt8(truncatingIfNeeded: f.upvalues.count))
        try w.function(f, parentSource: nil)
        return w.bytes
    }

    /// Whether `bytes` start like a NodeMCU `.lc` (signature, version, format 10).
    public static func isChunk(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 6 && bytes.prefix(4).elementsEqual(NodeMCUFormat.signature)
            && bytes[4] == NodeMCUFormat.version && bytes[5] == NodeMCUFormat.chunkFormat
    }

    /// luaU_undump, then `Verifier`. Errors read as lundump's ("name: truncated precompiled
    /// chunk", "name: format mismatch in precompiled chunk", ...) or name the verification failure.
    public static func undump(_ bytes: UnsafeBufferPointer<UInt8>, chunkName: [UInt8]) throws(ChunkLoadError) -> Loaded {
        var r = NodeMCUReader(bytes: bytes, name: BinaryChunk.displayName(chunkName))
        if try r.byte() != NodeMCUFormat.signature[0] { throw r.error("not a") }
        try r.header(format: NodeMCUFormat.chunkFormat)
        let upvalueCount = try r.byte()
        let f = try r.function(parentSource: nil, depth: 0)
        if Int(upvalueCount) < f.upvalues.count { throw r.error("corrupted") }
        try Verifier.verify(f, name: r.name)
        return Loaded(function: f, numbers: r.numbers)
    }
}
