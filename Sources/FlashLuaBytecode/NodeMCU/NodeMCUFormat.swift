/// Constants of NodeMCU's dump formats (app/lua53/lundump.h): format 10 is a `.lc` file
/// (luaU_dump), format 11 an LFS image file (luaU_DumpAllProtos).
public enum NodeMCUFormat {
    static let signature: [UInt8] = [0x1B, 0x4C, 0x75, 0x61]  // LUA_SIGNATURE
    static let version: UInt8 = 0x53
    public static let chunkFormat: UInt8 = 10  // LUAC_FORMAT
    public static let imageFormat: UInt8 = 11  // LUAC_LFS_IMAGE_FORMAT
    static let data: [UInt8] = [0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A]  // LUAC_DATA
    static let checkNumber: Double = 370.5  // LUAC_NUM
    static let stringVectorSignature: [UInt8] = [0x19, 0x73, 0x73]  // LUA_STRING_SIG "\x19ss"
    static let protoVectorSignature: [UInt8] = [0x19, 0x70, 0x72]  // LUA_PROTO_SIG "\x19pr"

    // Type bytes 0FTTTDDDD (lundump.h LUAU_T*): the type in bits 4..6, data in the low 4 bits.
    static let typeNil: UInt8 = 0 << 4
    static let typeBoolean: UInt8 = 1 << 4
    static let typeFloat: UInt8 = 2 << 4
    static let typePositiveInteger: UInt8 = 3 << 4
    static let typeNegativeInteger: UInt8 = 4 << 4
    static let typeShortString: UInt8 = 5 << 4
    static let typeLongString: UInt8 = 6 << 4
    static let typeMask: UInt8 = 7 << 4
    static let dataMask: UInt8 = 0x0F

    /// LUAI_MAXSHORTLEN: longer strings are long TStrings.
    static let maximumShortLength = 40

    static func stringType(_ s: [UInt8]) -> UInt8 {
        s.count <= maximumShortLength ? typeShortString : typeLongString
    }
}

/// How much debug information a NodeMCU dump keeps (ldump.c's `strip`).
public enum NodeMCUStrip: Int, Sendable {
    /// Everything.
    case none = 0
    /// luac.cross -s: no local variables or upvalue names; sources and line info stay.
    case locals = 1
    /// Also no line info (node.stripdebug(3)'s level).
    case all = 2
}

public struct NodeMCUDumpError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
