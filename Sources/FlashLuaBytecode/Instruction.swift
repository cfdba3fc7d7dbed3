/// One 32-bit Lua 5.3 instruction: op 6 bits, A 8, C 9, B 9 (Bx = B:C 18 bits, sBx = Bx - 131071, Ax 26).
public typealias Instruction = UInt32

/// Field positions and sizes (lopcodes.h). Computed and inlinable rather than stored, so the VM
/// in another module folds them into its shifts instead of calling a global accessor.
public enum InstructionFormat {
    @inlinable public static var sizeOp: Int { 6 }
    @inlinable public static var sizeA: Int { 8 }
    @inlinable public static var sizeB: Int { 9 }
    @inlinable public static var sizeC: Int { 9 }
    @inlinable public static var sizeBx: Int { sizeB + sizeC }
    @inlinable public static var sizeAx: Int { sizeBx + sizeA }
    @inlinable public static var posOp: Int { 0 }
    @inlinable public static var posA: Int { posOp + sizeOp }
    @inlinable public static var posC: Int { posA + sizeA }
    @inlinable public static var posB: Int { posC + sizeC }
    @inlinable public static var posBx: Int { posC }
    @inlinable public static var posAx: Int { posA }
    @inlinable public static var maxOp: Int { (1 << sizeOp) - 1 }
    @inlinable public static var maxA: Int { (1 << sizeA) - 1 }
    @inlinable public static var maxB: Int { (1 << sizeB) - 1 }
    @inlinable public static var maxC: Int { (1 << sizeC) - 1 }
    @inlinable public static var maxBx: Int { (1 << sizeBx) - 1 }
    @inlinable public static var maxSBx: Int { maxBx >> 1 }  // 131071
    @inlinable public static var maxAx: Int { (1 << sizeAx) - 1 }
    /// Bit that marks a B/C operand as a constant index (RK operands).
    @inlinable public static var bitRK: Int { 1 << (sizeB - 1) }
    @inlinable public static var maxIndexRK: Int { bitRK - 1 }
    /// Number of list items to accumulate before a SETLIST instruction.
    @inlinable public static var fieldsPerFlush: Int { 50 }
}

// Every read and write of an instruction field goes through these, so the layout above is the
// only place that knows where a field sits.
extension Instruction {
    @inlinable @inline(__always)
    func field(_ position: Int, _ size: Int) -> Int {
        Int((self &>> UInt32(position)) & ((1 &<< UInt32(size)) &- 1))
    }

    @inlinable @inline(__always)
    mutating func setField(_ position: Int, _ size: Int, _ value: Int) {
        let mask: UInt32 = ((1 &<< UInt32(size)) &- 1) &<< UInt32(position)
        self = (self & ~mask) | ((UInt32(truncatingIfNeeded: value) &<< UInt32(position)) & mask)
    }

    @inlinable @inline(__always) public var opcodeRaw: UInt8 {
        UInt8(truncatingIfNeeded: field(InstructionFormat.posOp, InstructionFormat.sizeOp))
    }
    @inlinable @inline(__always) public var opcode: Opcode? { Opcode(rawValue: opcodeRaw) }
    /// The opcode without the range check: only for code the verifier (or the compiler) passed,
    /// where every opcode field names an `Opcode`.
    @inlinable @inline(__always) public var verifiedOpcode: Opcode { unsafeBitCast(opcodeRaw, to: Opcode.self) }
    @inlinable @inline(__always) public var a: Int { field(InstructionFormat.posA, InstructionFormat.sizeA) }
    @inlinable @inline(__always) public var b: Int { field(InstructionFormat.posB, InstructionFormat.sizeB) }
    @inlinable @inline(__always) public var c: Int { field(InstructionFormat.posC, InstructionFormat.sizeC) }
    @inlinable @inline(__always) public var bx: Int { field(InstructionFormat.posBx, InstructionFormat.sizeBx) }
    @inlinable @inline(__always) public var sbx: Int { bx - InstructionFormat.maxSBx }
    @inlinable @inline(__always) public var ax: Int { field(InstructionFormat.posAx, InstructionFormat.sizeAx) }

    // Setters, for the code generator's back-patching (lopcodes.h SETARG_*).
    @inlinable @inline(__always) public mutating func setOpcode(_ op: Opcode) {
        setField(InstructionFormat.posOp, InstructionFormat.sizeOp, Int(op.rawValue))
    }
    @inlinable @inline(__always) public mutating func setA(_ v: Int) { setField(InstructionFormat.posA, InstructionFormat.sizeA, v) }
    @inlinable @inline(__always) public mutating func setB(_ v: Int) { setField(InstructionFormat.posB, InstructionFormat.sizeB, v) }
    @inlinable @inline(__always) public mutating func setC(_ v: Int) { setField(InstructionFormat.posC, InstructionFormat.sizeC, v) }
    @inlinable @inline(__always) public mutating func setBx(_ v: Int) { setField(InstructionFormat.posBx, InstructionFormat.sizeBx, v) }
    @inlinable @inline(__always) public mutating func setSBx(_ v: Int) { setBx(v + InstructionFormat.maxSBx) }
    @inlinable @inline(__always) public mutating func setAx(_ v: Int) { setField(InstructionFormat.posAx, InstructionFormat.sizeAx, v) }

    /// Whether an RK operand (B or C) names a constant rather than a register.
    @inlinable @inline(__always) public static func isConstant(_ rk: Int) -> Bool { rk & InstructionFormat.bitRK != 0 }
    /// The constant index of an RK operand for which `isConstant` holds.
    @inlinable @inline(__always) public static func constantIndex(_ rk: Int) -> Int { rk & InstructionFormat.maxIndexRK }
    /// The RK operand for constant index `k` (at most `maxIndexRK`).
    @inlinable @inline(__always) public static func constantOperand(_ k: Int) -> Int { k | InstructionFormat.bitRK }

    @inlinable public static func abc(_ op: Opcode, _ a: Int, _ b: Int, _ c: Int) -> Instruction {
        var i = Instruction(op.rawValue)
        i.setA(a)
        i.setB(b)
        i.setC(c)
        return i
    }
    @inlinable public static func abx(_ op: Opcode, _ a: Int, _ bx: Int) -> Instruction {
        var i = Instruction(op.rawValue)
        i.setA(a)
        i.setBx(bx)
        return i
    }
    @inlinable public static func asbx(_ op: Opcode, _ a: Int, _ sbx: Int) -> Instruction {
        abx(op, a, sbx + InstructionFormat.maxSBx)
    }
    @inlinable public static func ax(_ op: Opcode, _ ax: Int) -> Instruction {
        var i = Instruction(op.rawValue)
        i.setAx(ax)
        return i
    }
}
