/// One 32-bit Lua 5.3 instruction: op 6 bits, A 8, C 9, B 9 (Bx = B:C 18 bits, sBx = Bx - 131071, Ax 26).
public typealias Instruction = UInt32

public enum InstructionFormat {
    public static let sizeOp = 6
    public static let sizeA = 8
    public static let sizeB = 9
    public static let sizeC = 9
    public static let sizeBx = 18
    public static let sizeAx = 26
    public static let posA = 6
    public static let posC = 14
    public static let posB = 23
    public static let posBx = 14
    public static let posAx = 6
    public static let maxA = (1 << 8) - 1
    public static let maxB = (1 << 9) - 1
    public static let maxC = (1 << 9) - 1
    public static let maxBx = (1 << 18) - 1
    public static let maxSBx = maxBx >> 1  // 131071
    public static let maxAx = (1 << 26) - 1
    /// Bit that marks a B/C operand as a constant index (RK operands).
    public static let bitRK = 1 << 8
    public static let maxIndexRK = bitRK - 1
    /// Number of list items to accumulate before a SETLIST instruction.
    public static let fieldsPerFlush = 50
}

extension Instruction {
    @inline(__always) public var opcodeRaw: UInt8 { UInt8(truncatingIfNeeded: self & 0x3F) }
    @inline(__always) public var opcode: Opcode? { Opcode(rawValue: opcodeRaw) }
    @inline(__always) public var a: Int { Int((self >> 6) & 0xFF) }
    @inline(__always) public var b: Int { Int(self >> 23) }
    @inline(__always) public var c: Int { Int((self >> 14) & 0x1FF) }
    @inline(__always) public var bx: Int { Int(self >> 14) }
    @inline(__always) public var sbx: Int { Int(self >> 14) - InstructionFormat.maxSBx }
    @inline(__always) public var ax: Int { Int(self >> 6) }

    @inline(__always) public static func isConstant(_ rk: Int) -> Bool { rk & InstructionFormat.bitRK != 0 }
    @inline(__always) public static func constantIndex(_ rk: Int) -> Int { rk & ~InstructionFormat.bitRK }

    public static func abc(_ op: Opcode, _ a: Int, _ b: Int, _ c: Int) -> Instruction {
        UInt32(op.rawValue) | UInt32(a) << 6 | UInt32(b) << 23 | UInt32(c) << 14
    }
    public static func abx(_ op: Opcode, _ a: Int, _ bx: Int) -> Instruction {
        UInt32(op.rawValue) | UInt32(a) << 6 | UInt32(bx) << 14
    }
    public static func asbx(_ op: Opcode, _ a: Int, _ sbx: Int) -> Instruction {
        abx(op, a, sbx + InstructionFormat.maxSBx)
    }
    public static func ax(_ op: Opcode, _ ax: Int) -> Instruction {
        UInt32(op.rawValue) | UInt32(ax) << 6
    }
}
