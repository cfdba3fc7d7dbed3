import FlashLuaBytecode

/// Names for values in error messages, found by symbolic execution of the bytecode
/// (ldebug.c's getobjname/findsetreg/funcnamefromcode).
extension Proto {
    /// The last instruction before lastPC that certainly set `reg`, or -1.
    package func findSetRegister(lastPC: Int, register reg: Int) -> Int {
        var setReg = -1
        var jumpTarget = 0
        func filter(_ pc: Int) -> Int { pc < jumpTarget ? -1 : pc }
        for pc in 0..<lastPC {
            let i = code[pc]
            guard let op = i.opcode else { continue }
            let a = i.a
            switch op {
            case .loadnil:
                if a <= reg && reg <= a + i.b { setReg = filter(pc) }
            case .tforcall:
                if reg >= a + 2 { setReg = filter(pc) }
            case .call, .tailcall:
                if reg >= a { setReg = filter(pc) }
            case .jmp:
                let dest = pc + 1 + i.sbx
                if pc < dest && dest <= lastPC && dest > jumpTarget { jumpTarget = dest }
            default:
                if op.setsA && reg == a { setReg = filter(pc) }
            }
        }
        return setReg
    }

    private func constantName(pc: Int, _ c: Int) -> String {
        if Instruction.isConstant(c) {
            let k = constant(Instruction.constantIndex(c))
            if k.isString { return k.string.swiftString }
        } else if let (kind, name) = objectName(pc: pc, register: c), kind == "constant" {
            return name
        }
        return "?"
    }

    /// (kind, name) for register `reg` at `lastPC`: local, global, field, upvalue, constant, method.
    package func objectName(pc lastPC: Int, register reg: Int) -> (String, String)? {
        if let n = localName(reg + 1, at: lastPC) { return ("local", n.swiftString) }
        let pc = findSetRegister(lastPC: lastPC, register: reg)
        guard pc != -1 else { return nil }
        let i = code[pc]
        switch i.opcode {
        case .move:
            if i.b < i.a { return objectName(pc: pc, register: i.b) }
        case .gettabup, .gettable:
            let vn = i.opcode == .gettable ? localName(i.b + 1, at: pc)?.swiftString : upvalueName(i.b)?.swiftString
            let name = constantName(pc: pc, i.c)
            return (vn == "_ENV" ? "global" : "field", name)
        case .getupval:
            return ("upvalue", upvalueName(i.b)?.swiftString ?? "?")
        case .loadk, .loadkx:
            let b = i.opcode == .loadk ? i.bx : code[pc + 1].ax
            let k = constant(b)
            if k.isString { return ("constant", k.string.swiftString) }
        case .self:
            return ("method", constantName(pc: pc, i.c))
        default: break
        }
        return nil
    }
}

extension LuaState {
    /// " (local 'x')" etc. for an operand of the running Lua frame, or "".
    package func variableInfo(_ operand: Operand) -> String {
        let ci = current.ci
        guard operand != .none, ci.pointee.flags & CallInfo.isLua != 0 else { return "" }
        let cl = current.stack[ci.pointee.function].luaClosure
        if operand < 0 {
            let n = -1 - operand
            return " (upvalue '\(cl.proto.upvalueName(n)?.swiftString ?? "?")')"
        }
        let pc = currentPC(ci)
        if let (kind, name) = cl.proto.objectName(pc: pc, register: operand) { return " (\(kind) '\(name)')" }
        return ""
    }

    package func currentPC(_ ci: UnsafeMutablePointer<CallInfo>) -> Int {
        let cl = current.stack[ci.pointee.function].luaClosure
        return ci.pointee.savedPC.unsafelyUnwrapped - cl.proto.code - 1
    }

    /// Type name honouring a string __name in the metatable (luaT_objtypename).
    package func objectTypeName(_ v: Value) -> String {
        if v.tag == .table || v.tag == .userdata, let mt = metatable(of: v),
            let key = try? fixedName("__name"), let name = mt.get(shortString: key), name.pointee.isString
        {
            return name.pointee.string.swiftString
        }
        return v.typeName.text
    }

    package func typeError(_ v: Value, _ operand: Operand, _ op: String) -> LuaError {
        runtimeError("attempt to \(op) a \(objectTypeName(v)) value\(variableInfo(operand))")
    }

    package func typeError(at stackIndex: Int, _ op: String) -> LuaError {
        typeError(current.stack[stackIndex], stackOperand(stackIndex), op)
    }

    /// How the function running in `ci` was called: ("global", "print"), ("method", "send"), ...
    package func functionName(_ ciIndex: Int, in t: LuaThread) -> (String, String)? {
        let ci = t.callInfo(ciIndex)
        if ci.pointee.flags & CallInfo.finalizer != 0 { return ("metamethod", "__gc") }
        guard ciIndex > 0, ci.pointee.flags & CallInfo.tail == 0 else { return nil }
        let caller = t.callInfo(ciIndex - 1)
        guard caller.pointee.flags & CallInfo.isLua != 0 else { return nil }
        if caller.pointee.flags & CallInfo.hooked != 0 { return ("hook", "?") }
        let cl = t.stack[caller.pointee.function].luaClosure
        let p = cl.proto
        let pc = caller.pointee.savedPC.unsafelyUnwrapped - p.code - 1
        let i = p.code[pc]
        let tm: TagMethod
        switch i.opcode {
        case .call, .tailcall: return p.objectName(pc: pc, register: i.a)
        case .tforcall: return ("for iterator", "for iterator")
        case .self, .gettabup, .gettable: tm = .index
        case .settabup, .settable: tm = .newindex
        case .add, .sub, .mul, .mod, .pow, .div, .idiv, .band, .bor, .bxor, .shl, .shr:
            tm = TagMethod(rawValue: TagMethod.add.rawValue + Int(i.opcodeRaw) - Int(Opcode.add.rawValue))!
        case .unm: tm = .unm
        case .bnot: tm = .bnot
        case .len: tm = .len
        case .concat: tm = .concat
        case .eq: tm = .eq
        case .lt: tm = .lt
        case .le: tm = .le
        default: return nil
        }
        return ("metamethod", tm.name.text)
    }
}

extension LuaString {
    package var swiftString: String { String(decoding: buffer, as: UTF8.self) }
}
