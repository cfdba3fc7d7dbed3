import FlashLuaBytecode
import FlashLuaText

/// Code generation (lcode.c): emitting instructions, registers, constants, jump lists and the
/// expression-descriptor transitions, in the same order as lua5.3 so output is byte-identical.
extension FunctionState {
    typealias Expression = ExpressionDescription
    static let noJump = ExpressionDescription.noJump
    static let noRegister = InstructionFormat.maxA
    static let maximumRegisters = 255
    static let multipleReturns = -1

    // MARK: Emitting

    @discardableResult
    func code(_ i: Instruction) -> Int {
        dischargePendingJumps()
        f.code.append(i)
        f.lineInfo.append(Int32(compiler.lexer.lastLine))
        lineEncoder.add(pc: f.code.count - 1, line: compiler.lexer.lastLine)
        return f.code.count - 1
    }

    @discardableResult
    func codeABC(_ op: Opcode, _ a: Int, _ b: Int, _ c: Int) -> Int { code(.abc(op, a, b, c)) }
    @discardableResult
    func codeABx(_ op: Opcode, _ a: Int, _ bx: Int) -> Int { code(.abx(op, a, bx)) }
    @discardableResult
    func codeAsBx(_ op: Opcode, _ a: Int, _ sbx: Int) -> Int { code(.asbx(op, a, sbx)) }
    @discardableResult
    func codeExtraArgument(_ a: Int) -> Int { code(.ax(.extraarg, a)) }

    @discardableResult
    func codeConstant(_ register: Int, _ k: Int) -> Int {
        if k <= InstructionFormat.maxBx { return codeABx(.loadk, register, k) }
        let p = codeABx(.loadkx, register, 0)
        codeExtraArgument(k)
        return p
    }

    func fixLine(_ line: Int) {
        f.lineInfo[pc - 1] = Int32(line)
        lineEncoder.add(pc: pc - 1, line: line)
    }

    // Instruction field setters.
    func setA(_ pc: Int, _ v: Int) { f.code[pc].setA(v) }
    func setB(_ pc: Int, _ v: Int) { f.code[pc].setB(v) }
    func setC(_ pc: Int, _ v: Int) { f.code[pc].setC(v) }
    func setSBx(_ pc: Int, _ v: Int) { f.code[pc].setSBx(v) }
    func setOpcode(_ pc: Int, _ op: Opcode) { f.code[pc].setOpcode(op) }

    // MARK: Nil loading

    func loadNil(_ from: Int, _ n: Int) {
        var from = from
        var last = from + n - 1
        if pc > lastTarget && pc > 0 {
            let previous = f.code[pc - 1]
            if previous.opcode == .loadnil {
                let pfrom = previous.a
                let plast = pfrom + previous.b
                if (pfrom <= from && from <= plast + 1) || (from <= pfrom && pfrom <= last + 1) {
                    if pfrom < from { from = pfrom }
                    if plast > last { last = plast }
                    setA(pc - 1, from)
                    setB(pc - 1, last - from)
                    return
                }
            }
        }
        codeABC(.loadnil, from, n - 1, 0)
    }

    // MARK: Jumps

    func jumpDestination(_ pc: Int) -> Int {
        let offset = f.code[pc].sbx
        return offset == FunctionState.noJump ? FunctionState.noJump : pc + 1 + offset
    }

    func fixJump(_ pc: Int, _ destination: Int) throws(CompileError) {
        let offset = destination - (pc + 1)
        if abs(offset) > InstructionFormat.maxSBx {
            throw compiler.lexer.syntaxError("control structure too long")
        }
        setSBx(pc, offset)
    }

    func concatenate(_ list: inout Int, _ other: Int) throws(CompileError) {
        if other == FunctionState.noJump { return }
        if list == FunctionState.noJump {
            list = other
            return
        }
        var node = list
        while true {
            let next = jumpDestination(node)
            if next == FunctionState.noJump { break }
            node = next
        }
        try fixJump(node, other)
    }

    func jump() throws(CompileError) -> Int {
        let pending = pendingJumps
        pendingJumps = FunctionState.noJump
        var j = codeAsBx(.jmp, 0, FunctionState.noJump)
        try concatenate(&j, pending)
        return j
    }

    func jump(to target: Int) throws(CompileError) {
        try patchList(try jump(), target)
    }

    func codeReturn(_ first: Int, _ count: Int) { codeABC(.return, first, count + 1, 0) }

    func conditionalJump(_ op: Opcode, _ a: Int, _ b: Int, _ c: Int) throws(CompileError) -> Int {
        codeABC(op, a, b, c)
        return try jump()
    }

    @discardableResult
    func label() -> Int {
        lastTarget = pc
        return pc
    }

    func jumpControlIndex(_ pc: Int) -> Int {
        if pc >= 1, let op = f.code[pc - 1].opcode, op.isTest { return pc - 1 }
        return pc
    }

    func patchTestRegister(_ node: Int, _ register: Int) -> Bool {
        let i = jumpControlIndex(node)
        let instruction = f.code[i]
        guard instruction.opcode == .testset else { return false }
        if register != FunctionState.noRegister && register != instruction.b {
            setA(i, register)
        } else {
            f.code[i] = .abc(.test, instruction.b, 0, instruction.c)
        }
        return true
    }

    func removeValues(_ list: Int) {
        var list = list
        while list != FunctionState.noJump {
            _ = patchTestRegister(list, FunctionState.noRegister)
            list = jumpDestination(list)
        }
    }

    func patchListAux(_ list: Int, _ valueTarget: Int, _ register: Int, _ defaultTarget: Int) throws(CompileError) {
        var list = list
        while list != FunctionState.noJump {
            let next = jumpDestination(list)
            if patchTestRegister(list, register) {
                try fixJump(list, valueTarget)
            } else {
                try fixJump(list, defaultTarget)
            }
            list = next
        }
    }

    func dischargePendingJumps() {
        // Jumps to the current pc can always be encoded, so this cannot fail.
        try? patchListAux(pendingJumps, pc, FunctionState.noRegister, pc)
        pendingJumps = FunctionState.noJump
    }

    func patchToHere(_ list: Int) throws(CompileError) {
        label()
        try concatenate(&pendingJumps, list)
    }

    func patchList(_ list: Int, _ target: Int) throws(CompileError) {
        if target == pc {
            try patchToHere(list)
        } else {
            try patchListAux(list, target, FunctionState.noRegister, target)
        }
    }

    func patchClose(_ list: Int, _ level: Int) {
        var list = list
        while list != FunctionState.noJump {
            setA(list, level + 1)
            list = jumpDestination(list)
        }
    }

    // MARK: Registers

    func checkStack(_ n: Int) throws(CompileError) {
        let newStack = freeRegister + n
        if newStack > Int(f.maxStackSize) {
            if newStack >= FunctionState.maximumRegisters {
                throw compiler.lexer.syntaxError("function or expression needs too many registers")
            }
            f.maxStackSize = UInt8(newStack)
        }
    }

    func reserveRegisters(_ n: Int) throws(CompileError) {
        try checkStack(n)
        freeRegister += n
    }

    func freeRegister(_ register: Int) {
        if !Instruction.isConstant(register) && register >= activeVariables {
            freeRegister -= 1
        }
    }

    func freeExpression(_ e: Expression) {
        if e.kind == .nonRelocatable { freeRegister(e.info) }
    }

    func freeExpressions(_ e1: Expression, _ e2: Expression) {
        let r1 = e1.kind == .nonRelocatable ? e1.info : -1
        let r2 = e2.kind == .nonRelocatable ? e2.info : -1
        if r1 > r2 {
            freeRegister(r1)
            freeRegister(r2)
        } else {
            freeRegister(r2)
            freeRegister(r1)
        }
    }

    // MARK: Constants

    func addConstant(_ key: ConstantKey, _ value: Constant) -> Int {
        if let k = compiler.constantCache[key], k < f.constants.count, f.constants[k].sameTypeAndValue(value) {
            return k
        }
        let k = f.constants.count
        compiler.constantCache[key] = k
        f.constants.append(value)
        return k
    }

    func stringConstant(_ s: [UInt8]) -> Int { addConstant(.string(s), .string(s)) }
    func integerConstant(_ i: Int64) -> Int { addConstant(.integer(i), .integer(i)) }
    func floatConstant(_ d: Double) -> Int {
        let key: ConstantKey
        // The scanner table normalizes a float key with an integral value in lua_Integer's range.
        if let i = Int64(exactly: d), compiler.numbers.contains(i) {
            key = .integralFloat(i)
        } else {
            key = .float(d.bitPattern)
        }
        return addConstant(key, .float(d))
    }
    func booleanConstant(_ b: Bool) -> Int { addConstant(.boolean(b), .boolean(b)) }
    func nilConstant() -> Int { addConstant(.nil, .nil) }

    // MARK: Expressions

    func setReturns(_ e: inout Expression, _ results: Int) throws(CompileError) {
        if e.kind == .call {
            setC(e.info, results + 1)
        } else if e.kind == .vararg {
            setB(e.info, results + 1)
            setA(e.info, freeRegister)
            try reserveRegisters(1)
        }
    }

    func setMultipleReturns(_ e: inout Expression) throws(CompileError) {
        try setReturns(&e, FunctionState.multipleReturns)
    }

    func setOneReturn(_ e: inout Expression) {
        if e.kind == .call {
            e.kind = .nonRelocatable
            e.info = f.code[e.info].a
        } else if e.kind == .vararg {
            setB(e.info, 2)
            e.kind = .relocatable
        }
    }

    func dischargeVariables(_ e: inout Expression) {
        switch e.kind {
        case .local:
            e.kind = .nonRelocatable
        case .upvalue:
            e.info = codeABC(.getupval, 0, e.info, 0)
            e.kind = .relocatable
        case .indexed:
            freeRegister(e.indexedKey)
            let op: Opcode
            if e.indexedTableKind == .local {
                freeRegister(e.indexedTable)
                op = .gettable
            } else {
                op = .gettabup
            }
            e.info = codeABC(op, 0, e.indexedTable, e.indexedKey)
            e.kind = .relocatable
        case .vararg, .call:
            setOneReturn(&e)
        default:
            break
        }
    }

    func dischargeToRegister(_ e: inout Expression, _ register: Int) {
        dischargeVariables(&e)
        switch e.kind {
        case .nil: loadNil(register, 1)
        case .false, .true: codeABC(.loadbool, register, e.kind == .true ? 1 : 0, 0)
        case .constant: codeConstant(register, e.info)
        case .float: codeConstant(register, floatConstant(e.floatValue))
        case .integer: codeConstant(register, integerConstant(e.integerValue))
        case .relocatable: setA(e.info, register)
        case .nonRelocatable:
            if register != e.info { codeABC(.move, register, e.info, 0) }
        default:
            return  // .jump: nothing to do
        }
        e.info = register
        e.kind = .nonRelocatable
    }

    func dischargeToAnyRegister(_ e: inout Expression) throws(CompileError) {
        if e.kind != .nonRelocatable {
            try reserveRegisters(1)
            dischargeToRegister(&e, freeRegister - 1)
        }
    }

    func codeLoadBool(_ a: Int, _ b: Int, _ jump: Int) -> Int {
        label()
        return codeABC(.loadbool, a, b, jump)
    }

    func needValue(_ list: Int) -> Bool {
        var list = list
        while list != FunctionState.noJump {
            if f.code[jumpControlIndex(list)].opcode != .testset { return true }
            list = jumpDestination(list)
        }
        return false
    }

    func expressionToRegister(_ e: inout Expression, _ register: Int) throws(CompileError) {
        dischargeToRegister(&e, register)
        if e.kind == .jump { try concatenate(&e.trueList, e.info) }
        if e.hasJumps {
            var loadFalse = FunctionState.noJump
            var loadTrue = FunctionState.noJump
            if needValue(e.trueList) || needValue(e.falseList) {
                let fj = e.kind == .jump ? FunctionState.noJump : try jump()
                loadFalse = codeLoadBool(register, 0, 1)
                loadTrue = codeLoadBool(register, 1, 0)
                try patchToHere(fj)
            }
            let final = label()
            try patchListAux(e.falseList, final, register, loadFalse)
            try patchListAux(e.trueList, final, register, loadTrue)
        }
        e.falseList = FunctionState.noJump
        e.trueList = FunctionState.noJump
        e.info = register
        e.kind = .nonRelocatable
    }

    func expressionToNextRegister(_ e: inout Expression) throws(CompileError) {
        dischargeVariables(&e)
        freeExpression(e)
        try reserveRegisters(1)
        try expressionToRegister(&e, freeRegister - 1)
    }

    @discardableResult
    func expressionToAnyRegister(_ e: inout Expression) throws(CompileError) -> Int {
        dischargeVariables(&e)
        if e.kind == .nonRelocatable {
            if !e.hasJumps { return e.info }
            if e.info >= activeVariables {
                try expressionToRegister(&e, e.info)
                return e.info
            }
        }
        try expressionToNextRegister(&e)
        return e.info
    }

    func expressionToAnyRegisterOrUpvalue(_ e: inout Expression) throws(CompileError) {
        if e.kind != .upvalue || e.hasJumps { try expressionToAnyRegister(&e) }
    }

    func expressionToValue(_ e: inout Expression) throws(CompileError) {
        if e.hasJumps {
            try expressionToAnyRegister(&e)
        } else {
            dischargeVariables(&e)
        }
    }

    @discardableResult
    func expressionToRK(_ e: inout Expression) throws(CompileError) -> Int {
        try expressionToValue(&e)
        var isConstant = true
        switch e.kind {
        case .true: e.info = booleanConstant(true)
        case .false: e.info = booleanConstant(false)
        case .nil: e.info = nilConstant()
        case .integer: e.info = integerConstant(e.integerValue)
        case .float: e.info = floatConstant(e.floatValue)
        case .constant: break
        default: isConstant = false
        }
        if isConstant {
            e.kind = .constant
            if e.info <= InstructionFormat.maxIndexRK { return Instruction.constantOperand(e.info) }
        }
        return try expressionToAnyRegister(&e)
    }

    func storeVariable(_ variable: Expression, _ e: inout Expression) throws(CompileError) {
        switch variable.kind {
        case .local:
            freeExpression(e)
            try expressionToRegister(&e, variable.info)
            return
        case .upvalue:
            let r = try expressionToAnyRegister(&e)
            codeABC(.setupval, r, variable.info, 0)
        case .indexed:
            let op: Opcode = variable.indexedTableKind == .local ? .settable : .settabup
            let r = try expressionToRK(&e)
            codeABC(op, variable.indexedTable, variable.indexedKey, r)
        default:
            break
        }
        freeExpression(e)
    }

    func codeSelf(_ e: inout Expression, _ key: inout Expression) throws(CompileError) {
        try expressionToAnyRegister(&e)
        let objectRegister = e.info
        freeExpression(e)
        e.info = freeRegister
        e.kind = .nonRelocatable
        try reserveRegisters(2)
        let k = try expressionToRK(&key)
        codeABC(.self, e.info, objectRegister, k)
        freeExpression(key)
    }

    func negateCondition(_ e: Expression) {
        let i = jumpControlIndex(e.info)
        setA(i, f.code[i].a == 0 ? 1 : 0)
    }

    func jumpOnCondition(_ e: inout Expression, _ condition: Int) throws(CompileError) -> Int {
        if e.kind == .relocatable {
            let ie = f.code[e.info]
            if ie.opcode == .not {
                // As lcode.c's `fs->pc--`: the packed line info is not told, so the next
                // instruction re-adds this pc (luaK_addlineinfo's undo path).
                f.code.removeLast()
                f.lineInfo.removeLast()
                return try conditionalJump(.test, ie.b, 0, condition == 0 ? 1 : 0)
            }
        }
        try dischargeToAnyRegister(&e)
        freeExpression(e)
        return try conditionalJump(.testset, FunctionState.noRegister, e.info, condition)
    }

    func goIfTrue(_ e: inout Expression) throws(CompileError) {
        dischargeVariables(&e)
        let pc: Int
        switch e.kind {
        case .jump:
            negateCondition(e)
            pc = e.info
        case .constant, .float, .integer, .true:
            pc = FunctionState.noJump
        default:
            pc = try jumpOnCondition(&e, 0)
        }
        try concatenate(&e.falseList, pc)
        try patchToHere(e.trueList)
        e.trueList = FunctionState.noJump
    }

    func goIfFalse(_ e: inout Expression) throws(CompileError) {
        dischargeVariables(&e)
        let pc: Int
        switch e.kind {
        case .jump: pc = e.info
        case .nil, .false: pc = FunctionState.noJump
        default: pc = try jumpOnCondition(&e, 1)
        }
        try concatenate(&e.trueList, pc)
        try patchToHere(e.falseList)
        e.falseList = FunctionState.noJump
    }

    func codeNot(_ e: inout Expression) throws(CompileError) {
        dischargeVariables(&e)
        switch e.kind {
        case .nil, .false: e.kind = .true
        case .constant, .float, .integer, .true: e.kind = .false
        case .jump: negateCondition(e)
        case .relocatable, .nonRelocatable:
            try dischargeToAnyRegister(&e)
            freeExpression(e)
            e.info = codeABC(.not, 0, e.info, 0)
            e.kind = .relocatable
        default: break
        }
        swap(&e.falseList, &e.trueList)
        removeValues(e.falseList)
        removeValues(e.trueList)
    }

    func indexed(_ t: inout Expression, _ key: inout Expression) throws(CompileError) {
        t.indexedTable = t.info
        t.indexedKey = try expressionToRK(&key)
        t.indexedTableKind = t.kind == .upvalue ? .upvalue : .local
        t.kind = .indexed
    }

    // MARK: Operators

    static func numeral(_ e: Expression) -> LuaNumeral? {
        if e.hasJumps { return nil }
        switch e.kind {
        case .integer: return .integer(e.integerValue)
        case .float: return .float(e.floatValue)
        default: return nil
        }
    }

    func constantFold(_ op: ArithmeticOperator, _ e1: inout Expression, _ e2: Expression) -> Bool {
        guard let v1 = FunctionState.numeral(e1), let v2 = FunctionState.numeral(e2),
            let result = foldArithmetic(op, v1, v2, numbers: compiler.numbers)
        else { return false }
        switch result {
        case .integer(let i):
            e1.kind = .integer
            e1.integerValue = i
        case .float(let d):
            if d.isNaN || d == 0 { return false }
            e1.kind = .float
            e1.floatValue = d
        }
        return true
    }

    func codeUnaryValue(_ op: Opcode, _ e: inout Expression, _ line: Int) throws(CompileError) {
        let r = try expressionToAnyRegister(&e)
        freeExpression(e)
        e.info = codeABC(op, 0, r, 0)
        e.kind = .relocatable
        fixLine(line)
    }

    func codeBinaryValue(_ op: Opcode, _ e1: inout Expression, _ e2: inout Expression, _ line: Int) throws(CompileError) {
        let rk2 = try expressionToRK(&e2)
        let rk1 = try expressionToRK(&e1)
        freeExpressions(e1, e2)
        e1.info = codeABC(op, 0, rk1, rk2)
        e1.kind = .relocatable
        fixLine(line)
    }

    func codeComparison(_ op: BinaryOperator, _ e1: inout Expression, _ e2: inout Expression) throws(CompileError) {
        let rk1 = e1.kind == .constant ? Instruction.constantOperand(e1.info) : e1.info
        let rk2 = try expressionToRK(&e2)
        freeExpressions(e1, e2)
        switch op {
        case .notEqual: e1.info = try conditionalJump(.eq, 0, rk1, rk2)
        case .greater: e1.info = try conditionalJump(.lt, 1, rk2, rk1)
        case .greaterEqual: e1.info = try conditionalJump(.le, 1, rk2, rk1)
        case .equal: e1.info = try conditionalJump(.eq, 1, rk1, rk2)
        case .less: e1.info = try conditionalJump(.lt, 1, rk1, rk2)
        default: e1.info = try conditionalJump(.le, 1, rk1, rk2)
        }
        e1.kind = .jump
    }

    func prefix(_ op: UnaryOperator, _ e: inout Expression, _ line: Int) throws(CompileError) {
        let zero = Expression(.integer, 0)
        switch op {
        case .minus:
            if constantFold(.unm, &e, zero) { return }
            try codeUnaryValue(.unm, &e, line)
        case .bitwiseNot:
            if constantFold(.bnot, &e, zero) { return }
            try codeUnaryValue(.bnot, &e, line)
        case .length:
            try codeUnaryValue(.len, &e, line)
        case .not:
            try codeNot(&e)
        }
    }

    func infix(_ op: BinaryOperator, _ v: inout Expression) throws(CompileError) {
        switch op {
        case .and: try goIfTrue(&v)
        case .or: try goIfFalse(&v)
        case .concat: try expressionToNextRegister(&v)
        default:
            if op.arithmetic != nil {
                if FunctionState.numeral(v) == nil { try expressionToRK(&v) }
            } else {
                try expressionToRK(&v)
            }
        }
    }

    func postfix(_ op: BinaryOperator, _ e1: inout Expression, _ e2: inout Expression, _ line: Int) throws(CompileError) {
        switch op {
        case .and:
            dischargeVariables(&e2)
            try concatenate(&e2.falseList, e1.falseList)
            e1 = e2
        case .or:
            dischargeVariables(&e2)
            try concatenate(&e2.trueList, e1.trueList)
            e1 = e2
        case .concat:
            try expressionToValue(&e2)
            if e2.kind == .relocatable && f.code[e2.info].opcode == .concat {
                freeExpression(e1)
                setB(e2.info, e1.info)
                e1.kind = .relocatable
                e1.info = e2.info
            } else {
                try expressionToNextRegister(&e2)
                try codeBinaryValue(.concat, &e1, &e2, line)
            }
        case .equal, .less, .lessEqual, .notEqual, .greater, .greaterEqual:
            try codeComparison(op, &e1, &e2)
        default:
            let arithmetic = op.arithmetic!
            if !constantFold(arithmetic, &e1, e2) {
                try codeBinaryValue(arithmetic.opcode, &e1, &e2, line)
            }
        }
    }

    func setList(_ base: Int, _ elements: Int, _ toStore: Int) throws(CompileError) {
        let c = (elements - 1) / InstructionFormat.fieldsPerFlush + 1
        let b = toStore == FunctionState.multipleReturns ? 0 : toStore
        if c <= InstructionFormat.maxC {
            codeABC(.setlist, base, b, c)
        } else if c <= InstructionFormat.maxAx {
            codeABC(.setlist, base, b, 0)
            codeExtraArgument(c)
        } else {
            throw compiler.lexer.syntaxError("constructor too long")
        }
        freeRegister = base + 1
    }
}

extension Constant {
    /// luaV_rawequalobj with a type check, as addk uses to reuse a cached constant index.
    func sameTypeAndValue(_ other: Constant) -> Bool {
        switch (self, other) {
        case (.nil, .nil): true
        case (.boolean(let a), .boolean(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.float(let a), .float(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        default: false
        }
    }
}
