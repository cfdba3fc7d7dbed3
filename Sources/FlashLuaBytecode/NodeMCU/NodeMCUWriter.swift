import FlashLuaText

/// ldump.c's encodings: multi-byte ints, typed ints, strings inline or as references into an LFS
/// image's string vector, and DumpFunction's field order.
struct NodeMCUWriter {
    var bytes: [UInt8] = []
    let numbers: NumberModel
    let strip: NodeMCUStrip
    /// Format 11: strings are written as their index in the image's string vector.
    var stringIndex: [[UInt8]: Int]? = nil

    init(numbers: NumberModel, strip: NodeMCUStrip) {
        self.numbers = numbers
        self.strip = strip
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// DumpInt: 0...max in big-endian 7-bit groups, the high bit set on all but the last.
    /// (Negative values, which compiled code never has, come out as their 64-bit pattern, which
    /// the reader rejects.)
    mutating func int(_ x: Int) {
        var groups: [UInt8] = [UInt8(x & 0x7F)]
        var rest = UInt64(bitPattern: Int64(x)) >> 7
        while rest != 0 {
            groups.append(0x80 | UInt8(rest & 0x7F))
            rest >>= 7
        }
        bytes += groups.reversed()
    }

    /// DumpIntTT: a typed int, the type in the first byte's bits 4..6; negative integers as
    /// LUAU_TNUMNINT with -(y + 1).
    mutating func typedInt(_ type: UInt8, _ y: Int64) {
        var x = UInt64(bitPattern: y < 0 ? -(y + 1) : y)
        var groups: [UInt8] = [UInt8(x & 0x7F)]
        x >>= 7
        while x != 0 {
            groups.append(0x80 | UInt8(x & 0x7F))
            x >>= 7
        }
        if groups.last! & NodeMCUFormat.typeMask != 0 { groups.append(0x80) }  // room for the type
        groups[groups.count - 1] |= y >= 0 ? type : NodeMCUFormat.typeNegativeInteger
        bytes += groups.reversed()
    }

    /// DumpNumber: the type byte and the model's float, little endian.
    mutating func number(_ d: Double) {
        byte(NodeMCUFormat.typeFloat)
        if numbers.floatBytes == 4 {
            withUnsafeBytes(of: Float(d).bitPattern.littleEndian) { bytes += $0 }
        } else {
            withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes += $0 }
        }
    }

    mutating func string(_ s: [UInt8]?) {
        guard let s else { return byte(NodeMCUFormat.typeShortString) }
        let type = NodeMCUFormat.stringType(s)
        if let stringIndex {
            typedInt(type, Int64(stringIndex[s] ?? 0))
            return
        }
        typedInt(type, Int64(s.count + 1))  // includes the C string's '\0'
        bytes += s
    }

    mutating func header(format: UInt8) {
        bytes += NodeMCUFormat.signature
        byte(NodeMCUFormat.version)
        byte(format)
        bytes += NodeMCUFormat.data
        byte(4)  // sizeof(int)
        byte(4)  // sizeof(Instruction)
        byte(UInt8(numbers.integerBytes))
        byte(UInt8(numbers.floatBytes))
        number(NodeMCUFormat.checkNumber)
    }

    /// DumpFunction. Throws when an integer constant does not fit the model.
    mutating func function(_ f: FunctionDescription, parentSource: [UInt8]?) throws(NodeMCUDumpError) {
        string(f.source == parentSource ? nil : f.source)
        int(Int(f.lineDefined))
        int(Int(f.lastLineDefined))
        byte(f.numParams)
        byte(f.isVararg ? 1 : 0)
        byte(f.maxStackSize)
        int(f.protos.count)
        for p in f.protos { try function(p, parentSource: f.source) }
        int(f.code.count)
        for i in f.code { withUnsafeBytes(of: i.littleEndian) { bytes += $0 } }
        try constants(f.constants)
        upvalues(f.upvalues)
        debug(f)
    }

    mutating func constants(_ constants: [Constant]) throws(NodeMCUDumpError) {
        int(constants.count)
        for k in constants {
            switch k {
            case .nil: byte(NodeMCUFormat.typeNil)
            case .boolean(let b): byte(NodeMCUFormat.typeBoolean + (b ? 1 : 0))
            case .float(let d): number(d)
            case .integer(let i):
                guard numbers.contains(i) else {
                    throw NodeMCUDumpError("value too big or small for target integer type")
                }
                typedInt(NodeMCUFormat.typePositiveInteger, i)
            case .string(let s): string(s)
            }
        }
    }

    mutating func upvalues(_ upvalues: [UpvalueDescription]) {
        let keepNames = strip == .none
        byte(keepNames ? 1 : 0)
        int(upvalues.count)
        for u in upvalues {
            if keepNames { string(u.name) }
            byte(u.inStack ? 1 : 0)
            byte(u.index)
        }
    }

    mutating func debug(_ f: FunctionDescription) {
        let lines = strip == .all || f.lineInfo.isEmpty ? [] : (f.packedLineInfo ?? PackedLineInfo.pack(f.lineInfo))
        int(lines.count)
        bytes += lines
        let locals = strip == .none ? f.localVariables : []
        int(locals.count)
        for l in locals {
            string(l.name)
            int(Int(l.startPC))
            int(Int(l.endPC))
        }
    }
}
