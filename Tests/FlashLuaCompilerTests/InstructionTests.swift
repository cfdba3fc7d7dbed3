import FlashLuaBytecode
import Testing

/// The opcode table and the instruction accessors against Lua 5.3's lopcodes.c/lopcodes.h, and
/// the users of the table (listing, verifier) against the table.
struct InstructionTests {
    /// lopcodes.c's opmodes table, row by row as it is printed there (T A B C mode), with the
    /// names of luaP_opnames. Written out again on purpose: the check is against the source.
    static let lopcodes = """
        0 1 R N iABC MOVE
        0 1 K N iABx LOADK
        0 1 N N iABx LOADKX
        0 1 U U iABC LOADBOOL
        0 1 U N iABC LOADNIL
        0 1 U N iABC GETUPVAL
        0 1 U K iABC GETTABUP
        0 1 R K iABC GETTABLE
        0 0 K K iABC SETTABUP
        0 0 U N iABC SETUPVAL
        0 0 K K iABC SETTABLE
        0 1 U U iABC NEWTABLE
        0 1 R K iABC SELF
        0 1 K K iABC ADD
        0 1 K K iABC SUB
        0 1 K K iABC MUL
        0 1 K K iABC MOD
        0 1 K K iABC POW
        0 1 K K iABC DIV
        0 1 K K iABC IDIV
        0 1 K K iABC BAND
        0 1 K K iABC BOR
        0 1 K K iABC BXOR
        0 1 K K iABC SHL
        0 1 K K iABC SHR
        0 1 R N iABC UNM
        0 1 R N iABC BNOT
        0 1 R N iABC NOT
        0 1 R N iABC LEN
        0 1 R R iABC CONCAT
        0 0 R N iAsBx JMP
        1 0 K K iABC EQ
        1 0 K K iABC LT
        1 0 K K iABC LE
        1 0 N U iABC TEST
        1 1 R U iABC TESTSET
        0 1 U U iABC CALL
        0 1 U U iABC TAILCALL
        0 0 U N iABC RETURN
        0 1 R N iAsBx FORLOOP
        0 1 R N iAsBx FORPREP
        0 0 N U iABC TFORCALL
        0 1 R N iAsBx TFORLOOP
        0 0 U U iABC SETLIST
        0 1 U N iABx CLOSURE
        0 1 U N iABC VARARG
        0 0 U U iAx EXTRAARG
        """

    static func use(_ letter: Substring) -> Opcode.ArgumentUse {
        switch letter {
        case "N": .unused
        case "U": .used
        case "R": .register
        default: .registerOrConstant
        }
    }

    static func mode(_ text: Substring) -> Opcode.Mode {
        switch text {
        case "iABC": .abc
        case "iABx": .abx
        case "iAsBx": .asbx
        default: .ax
        }
    }

    @Test func tableMatchesLopcodes() {
        let rows = Self.lopcodes.split(separator: "\n")
        #expect(rows.count == Opcode.allCases.count)
        for (raw, row) in rows.enumerated() {
            let fields = row.split(separator: " ")
            guard let op = Opcode(rawValue: UInt8(raw)) else {
                Issue.record("no opcode \(raw)")
                continue
            }
            #expect(op.name == String(fields[5]))
            #expect(op.isTest == (fields[0] == "1"), "\(op.name) test")
            #expect(op.setsA == (fields[1] == "1"), "\(op.name) sets A")
            #expect(op.argumentB == Self.use(fields[2]), "\(op.name) B")
            #expect(op.argumentC == Self.use(fields[3]), "\(op.name) C")
            #expect(op.mode == Self.mode(fields[4]), "\(op.name) mode")
            #expect(op.jumpsBySBx == [.jmp, .forloop, .forprep, .tforloop].contains(op))
        }
        #expect(Opcode(rawValue: UInt8(Opcode.allCases.count)) == nil)
    }

    /// lopcodes.h: op 6 bits at 0, A 8 at 6, C 9 at 14, B 9 at 23, Bx 18 at 14, Ax 26 at 6.
    @Test func layoutMatchesLopcodesH() {
        typealias F = InstructionFormat
        #expect([F.posOp, F.posA, F.posC, F.posB, F.posBx, F.posAx] == [0, 6, 14, 23, 14, 6])
        #expect([F.sizeOp, F.sizeA, F.sizeC, F.sizeB, F.sizeBx, F.sizeAx] == [6, 8, 9, 9, 18, 26])
        #expect([F.maxA, F.maxB, F.maxC, F.maxBx, F.maxSBx, F.maxAx] == [255, 511, 511, 262_143, 131_071, 67_108_863])
        #expect(F.bitRK == 256 && F.maxIndexRK == 255)
        // Hand-encoded: ADD 1 2 K(3) = 13 | 1 << 6 | 2 << 23 | (256 + 3) << 14.
        #expect(Instruction.abc(.add, 1, 2, 259) == 13 | 1 << 6 | 2 << 23 | 259 << 14)
        #expect(Instruction.asbx(.jmp, 0, -1) == 30 | UInt32(131_070) << 14)
    }

    @Test func everyOpcodeRoundTripsAtBoundaryOperands() {
        typealias F = InstructionFormat
        func edges(_ max: Int) -> [Int] { [0, 1, max / 2, max - 1, max] }
        for op in Opcode.allCases {
            switch op.mode {
            case .abc:
                for a in edges(F.maxA) {
                    for b in edges(F.maxB) {
                        for c in edges(F.maxC) {
                            let i = Instruction.abc(op, a, b, c)
                            #expect(i.opcode == op && i.verifiedOpcode == op && i.a == a && i.b == b && i.c == c)
                            #expect(i.bx == b << F.sizeC | c)
                        }
                    }
                }
            case .abx:
                for a in edges(F.maxA) {
                    for bx in edges(F.maxBx) {
                        let i = Instruction.abx(op, a, bx)
                        #expect(i.opcode == op && i.a == a && i.bx == bx && i.sbx == bx - F.maxSBx)
                    }
                }
            case .asbx:
                for a in edges(F.maxA) {
                    for sbx in [-F.maxSBx, -F.maxSBx + 1, -1, 0, 1, F.maxSBx - 1, F.maxSBx + 1] {
                        let i = Instruction.asbx(op, a, sbx)
                        #expect(i.opcode == op && i.a == a && i.sbx == sbx)
                    }
                }
            case .ax:
                for ax in edges(F.maxAx) {
                    let i = Instruction.ax(op, ax)
                    #expect(i.opcode == op && i.ax == ax)
                }
            }
        }
    }

    /// Each setter changes its own field and nothing else, whatever the other bits hold.
    @Test func settersTouchOnlyTheirField() {
        typealias F = InstructionFormat
        for start: Instruction in [0, ~0, 0xA5A5_A5A5, 0x5A5A_5A5A] {
            var i = start
            i.setA(0x5A)
            #expect(i.a == 0x5A && i.b == start.b && i.c == start.c && i.opcodeRaw == start.opcodeRaw)
            i = start
            i.setB(F.maxB)
            #expect(i.b == F.maxB && i.a == start.a && i.c == start.c && i.opcodeRaw == start.opcodeRaw)
            i = start
            i.setC(0)
            #expect(i.c == 0 && i.a == start.a && i.b == start.b && i.opcodeRaw == start.opcodeRaw)
            i = start
            i.setSBx(-5)
            #expect(i.sbx == -5 && i.a == start.a && i.opcodeRaw == start.opcodeRaw)
            i = start
            i.setBx(F.maxBx)
            #expect(i.bx == F.maxBx && i.a == start.a && i.opcodeRaw == start.opcodeRaw)
            i = start
            i.setAx(1)
            #expect(i.ax == 1 && i.opcodeRaw == start.opcodeRaw)
            i = start
            i.setOpcode(.extraarg)
            #expect(i.opcode == .extraarg && i.ax == start.ax)
        }
        #expect(Instruction.isConstant(Instruction.constantOperand(7)) && Instruction.constantIndex(Instruction.constantOperand(7)) == 7)
        #expect(!Instruction.isConstant(F.maxIndexRK))
    }

    /// lopcodes.h's notes on B = 0 / C = 0 ("up to top", "set top").
    @Test func openResultsFacts() {
        let users = Opcode.allCases.filter { Instruction.abc($0, 0, 0, 1).usesTop }
        #expect(users == [.call, .tailcall, .return, .setlist])
        #expect(!Instruction.abc(.call, 0, 1, 1).usesTop)
        let setters = Opcode.allCases.filter { Instruction.abc($0, 0, 0, 0).setsTop }
        #expect(setters == [.call, .tailcall, .vararg])
        #expect(!Instruction.abc(.call, 0, 0, 1).setsTop && !Instruction.abc(.vararg, 0, 2, 0).setsTop)
        #expect(Instruction.abc(.tailcall, 0, 2, 0).setsTop)
    }

    /// A function around one instruction: a JMP after it when it is a test, then RETURN.
    static func function(_ i: Instruction, frame: UInt8 = 10, constants: Int = 2) -> FunctionDescription {
        var f = FunctionDescription(source: Array("=t".utf8))
        f.maxStackSize = frame
        f.constants = (0..<constants).map { .integer(Int64($0)) }
        f.upvalues = [UpvalueDescription(name: Array("_ENV".utf8), inStack: true, index: 0)]
        f.code = [i]
        if i.opcode?.isTest == true { f.code.append(.asbx(.jmp, 0, 0)) }
        f.code.append(.abc(.return, 0, 1, 0))
        return f
    }

    /// luac -l prints A, then B and C where the table says they are used.
    @Test func listingPrintsTheOperandsTheTableNames() {
        for op in Opcode.allCases where op.mode == .abc {
            let text = listing(Self.function(.abc(op, 1, 2, 3)))
            guard let line = text.split(separator: "\n").first(where: { $0.contains("\t" + op.name) }) else {
                Issue.record("\(op.name) not listed")
                continue
            }
            let operands = line.split(separator: "\t")[3].split(separator: ";")[0].split(separator: " ")
            let expected = 1 + (op.argumentB == .unused ? 0 : 1) + (op.argumentC == .unused ? 0 : 1)
            #expect(operands.count == expected, "\(op.name): \(line)")
        }
    }

    /// An operand the table calls a register is checked against the frame, one it calls RK
    /// against the frame or the constants.
    @Test func verifierChecksTheOperandsTheTableNames() {
        let frame = 10
        for op in Opcode.allCases where op.mode == .abc {
            for (which, use) in [("B", op.argumentB), ("C", op.argumentC)] {
                let bad: [(Int, String)]
                switch use {
                case .register: bad = [(frame, "out of frame")]
                case .registerOrConstant: bad = [(frame, "out of frame"), (Instruction.constantOperand(2), "constant index out of range")]
                case .used, .unused: continue
                }
                for (value, message) in bad {
                    let i = which == "B" ? Instruction.abc(op, 0, value, value + 1) : .abc(op, 0, 0, value)
                    do {
                        try Verifier.verify(Self.function(i, frame: UInt8(frame)), name: Array("t".utf8))
                        Issue.record("\(op.name) \(which) = \(value) passed")
                    } catch {
                        let text = String(decoding: error.message, as: UTF8.self)
                        #expect(text.contains(message), "\(op.name) \(which): \(text)")
                    }
                }
            }
        }
    }
}
