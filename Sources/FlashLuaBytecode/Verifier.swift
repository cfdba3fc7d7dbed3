/// Checks that a function tree from an untrusted source (binary chunk, LFS image) can only do
/// what compiled code can: every register within the frame, every constant, upvalue and child
/// index in range, every jump inside the code, every test followed by its jump. The VM relies on
/// these facts and does no such checks while running.
public enum Verifier {
    public static func verify(_ f: FunctionDescription, name: [UInt8]) throws(ChunkLoadError) {
        try verify(f, name: name, parent: nil)
    }

    static func verify(_ f: FunctionDescription, name: [UInt8], parent: FunctionDescription?) throws(ChunkLoadError) {
        func fail(_ why: String) -> ChunkLoadError {
            ChunkLoadError(message: name + Array(": bad binary format (\(why))".utf8))
        }
        let frame = Int(f.maxStackSize)
        let k = f.constants.count
        let ups = f.upvalues.count
        let n = f.code.count
        if Int(f.numParams) > frame { throw fail("parameters exceed frame size") }
        if n == 0 { throw fail("function has no code") }
        if !f.lineInfo.isEmpty && f.lineInfo.count != n { throw fail("line info does not match code") }
        // debug.getlocal/setlocal reach a named local's register directly (base + n - 1): the locals
        // active at any instruction must lie within the code and fit in the frame.
        if !f.localVariables.isEmpty {
            var changes = [Int](repeating: 0, count: n + 1)
            for l in f.localVariables {
                let start = Int(l.startPC)
                let end = Int(l.endPC)
                if start < 0 || start > end || end > n { throw fail("local variable range out of code") }
                changes[start] += 1
                changes[end] -= 1
            }
            var active = 0
            for pc in 0..<n {
                active += changes[pc]
                if active > frame { throw fail("more active locals than registers at instruction \(pc + 1)") }
            }
        }
        if let parent {
            for u in f.upvalues {
                if u.inStack {
                    if Int(u.index) >= Int(parent.maxStackSize) { throw fail("upvalue refers to a register outside the enclosing frame") }
                } else if Int(u.index) >= parent.upvalues.count {
                    throw fail("upvalue refers to a missing enclosing upvalue")
                }
            }
        }
        guard f.code[n - 1].opcode == .return else { throw fail("code does not end with RETURN") }

        func register(_ r: Int, _ pc: Int) throws(ChunkLoadError) {
            if r < 0 || r >= frame { throw fail("register \(r) out of frame at instruction \(pc + 1)") }
        }
        func rk(_ x: Int, _ pc: Int) throws(ChunkLoadError) {
            if Instruction.isConstant(x) {
                if Instruction.constantIndex(x) >= k { throw fail("constant index out of range at instruction \(pc + 1)") }
            } else {
                try register(x, pc)
            }
        }
        func target(_ t: Int, _ pc: Int) throws(ChunkLoadError) {
            if t < 0 || t >= n { throw fail("jump out of code at instruction \(pc + 1)") }
        }
        func operand(_ use: Opcode.ArgumentUse, _ x: Int, _ pc: Int) throws(ChunkLoadError) {
            switch use {
            case .register: try register(x, pc)
            case .registerOrConstant: try rk(x, pc)
            case .used, .unused: break
            }
        }

        for pc in 0..<n {
            let i = f.code[pc]
            guard let op = i.opcode else { throw fail("invalid opcode at instruction \(pc + 1)") }
            let a = i.a
            let b = i.b
            let c = i.c
            // What the opcode table says about B and C (and the JMP after a test); the cases
            // below check what depends on the opcode's meaning.
            if op.mode == .abc {
                try operand(op.argumentB, b, pc)
                try operand(op.argumentC, c, pc)
            }
            if op.isTest {
                guard pc + 1 < n, f.code[pc + 1].opcode == .jmp else { throw fail("test not followed by a jump at instruction \(pc + 1)") }
            }
            switch op {
            case .move, .gettable, .settable, .add, .sub, .mul, .mod, .pow, .div, .idiv, .band, .bor, .bxor, .shl,
                .shr, .unm, .bnot, .not, .len, .test, .testset:
                try register(a, pc)
            case .self:
                try register(a + 1, pc)
            case .concat:
                try register(a, pc)
                if b >= c { throw fail("empty concatenation at instruction \(pc + 1)") }
            case .loadk:
                try register(a, pc)
                if i.bx >= k { throw fail("constant index out of range at instruction \(pc + 1)") }
            case .loadkx:
                try register(a, pc)
                guard pc + 1 < n, f.code[pc + 1].opcode == .extraarg, f.code[pc + 1].ax < k else {
                    throw fail("LOADKX without a valid EXTRAARG at instruction \(pc + 1)")
                }
            case .loadbool:
                try register(a, pc)
                if c != 0 { try target(pc + 2, pc) }
            case .loadnil:
                try register(a + b, pc)
            case .getupval, .setupval:
                try register(a, pc)
                if b >= ups { throw fail("upvalue index out of range at instruction \(pc + 1)") }
            case .gettabup:
                try register(a, pc)
                if b >= ups { throw fail("upvalue index out of range at instruction \(pc + 1)") }
            case .settabup:
                if a >= ups { throw fail("upvalue index out of range at instruction \(pc + 1)") }
            case .newtable:
                try register(a, pc)
                // luaO_int2fb of an int size never exceeds 0xFF; larger "floating point bytes"
                // decode past 2^64.
                if b > 0xFF || c > 0xFF { throw fail("table size out of range at instruction \(pc + 1)") }
            case .jmp:
                try target(pc + 1 + i.sbx, pc)
                if a > 0 { try register(a - 1, pc) }
            case .eq, .lt, .le: break
            case .call, .tailcall:
                try register(a, pc)
                if b > 0 { try register(a + b - 1, pc) }
                if op == .call && c > 1 { try register(a + c - 2, pc) }
            case .return:
                if b > 1 { try register(a + b - 2, pc) } else if b == 0 { try register(a, pc) }
            case .forloop, .forprep:
                try register(a + 3, pc)
                try target(pc + 1 + i.sbx, pc)
            case .tforcall:
                try register(a + 3 + max(c, 1) - 1, pc)
                guard pc + 1 < n, f.code[pc + 1].opcode == .tforloop else {
                    throw fail("TFORCALL not followed by TFORLOOP at instruction \(pc + 1)")
                }
            case .tforloop:
                try register(a + 1, pc)
                try target(pc + 1 + i.sbx, pc)
            case .setlist:
                try register(a + b, pc)
                if c == 0 {
                    guard pc + 1 < n, f.code[pc + 1].opcode == .extraarg, f.code[pc + 1].ax > 0 else {
                        throw fail("SETLIST without a valid EXTRAARG at instruction \(pc + 1)")
                    }
                }
            case .closure:
                try register(a, pc)
                if i.bx >= f.protos.count { throw fail("function index out of range at instruction \(pc + 1)") }
            case .vararg:
                try register(a, pc)
                if b > 1 { try register(a + b - 2, pc) }
                if !f.isVararg { throw fail("VARARG in a function without varargs at instruction \(pc + 1)") }
            case .extraarg:
                guard pc > 0, let prev = f.code[pc - 1].opcode, prev == .loadkx || (prev == .setlist && f.code[pc - 1].c == 0) else {
                    throw fail("stray EXTRAARG at instruction \(pc + 1)")
                }
            }
        }
        try verifyOpenResults(f, fail)
        for p in f.protos { try verify(p, name: name, parent: f) }
    }

    /// Instructions that take "all values up to top" (`usesTop`) must directly follow one that
    /// set top (`setsTop`), start at or below its first result, and not be the target of any
    /// jump, as in compiled code. Otherwise a stale top gives negative counts.
    static func verifyOpenResults(_ f: FunctionDescription, _ fail: (String) -> ChunkLoadError) throws(ChunkLoadError) {
        let n = f.code.count
        var entered = [Bool](repeating: false, count: n + 2)
        for pc in 0..<n {
            let i = f.code[pc]
            guard let op = i.opcode else { continue }
            if op.jumpsBySBx {
                let t = pc + 1 + i.sbx
                if t >= 0 && t < n { entered[t] = true }
            } else if op.isTest || (op == .loadbool && i.c != 0) {
                entered[pc + 2] = true
            }
        }
        for pc in 0..<n {
            let i = f.code[pc]
            guard i.usesTop else { continue }
            // RETURN's values start at R(A); the others' after the function or table in R(A).
            let first = i.opcode == .return ? i.a : i.a + 1
            guard pc > 0, f.code[pc - 1].setsTop, !entered[pc], first <= f.code[pc - 1].a else {
                throw fail("open results without their producer at instruction \(pc + 1)")
            }
        }
    }
}
