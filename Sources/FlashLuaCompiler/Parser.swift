import FlashLuaBytecode
import FlashLuaText

/// The compiler's state for one chunk (lparser.c LexState + Dyndata): a recursive-descent parser
/// that generates code in one pass, as lua5.3 does.
final class Compiler {
    var lexer: Lexer
    /// The function being compiled (innermost).
    var fs: FunctionState!
    /// Active local variables of all open functions: indices into their `localVariables`.
    var activeVariables: [Int] = []
    var pendingGotos: [LabelDescription] = []
    var labels: [LabelDescription] = []
    /// Chunk-wide constant cache (the scanner table 'h' in lua5.3).
    var constantCache: [ConstantKey: Int] = [:]
    /// Nesting depth of syntactical structures (nCcalls).
    var levels: Int
    static let maximumLevels = 200
    static let maximumVariables = 200
    static let maximumUpvalues = 255
    static let environmentName: [UInt8] = Array("_ENV".utf8)

    /// The target's number model: numerals, constant folding and the constant cache follow it.
    var numbers: NumberModel { lexer.numbers }

    init(source: UnsafeBufferPointer<UInt8>, chunkName: [UInt8], initialLevel: Int, numbers: NumberModel) {
        lexer = Lexer(source: source, chunkName: chunkName, numbers: numbers)
        levels = initialLevel
    }

    typealias Expression = ExpressionDescription

    // MARK: Errors and checks

    func semanticError(_ message: String) -> CompileError {
        lexer.token = 0  // no "near" part
        return lexer.syntaxError(message)
    }

    func errorExpected(_ token: Token) -> CompileError {
        lexer.syntaxError("\(lexer.tokenText(token)) expected")
    }

    func limitError(_ limit: Int, _ what: String) -> CompileError {
        let line = fs.f.lineDefined
        let place = line == 0 ? "main function" : "function at line \(line)"
        return lexer.syntaxError("too many \(what) (limit is \(limit)) in \(place)")
    }

    func checkLimit(_ value: Int, _ limit: Int, _ what: String) throws(CompileError) {
        if value > limit { throw limitError(limit, what) }
    }

    func testNext(_ token: Token) throws(CompileError) -> Bool {
        if lexer.token == token {
            try lexer.next()
            return true
        }
        return false
    }

    func check(_ token: Token) throws(CompileError) {
        if lexer.token != token { throw errorExpected(token) }
    }

    func checkNext(_ token: Token) throws(CompileError) {
        try check(token)
        try lexer.next()
    }

    func checkCondition(_ condition: Bool, _ message: String) throws(CompileError) {
        if !condition { throw lexer.syntaxError(message) }
    }

    func checkMatch(_ what: Token, _ who: Token, _ line: Int) throws(CompileError) {
        if try !testNext(what) {
            if line == lexer.lineNumber { throw errorExpected(what) }
            throw lexer.syntaxError(
                "\(lexer.tokenText(what)) expected (to close \(lexer.tokenText(who)) at line \(line))")
        }
    }

    func checkName() throws(CompileError) -> [UInt8] {
        try check(Tokens.name)
        let name = lexer.tokenString
        try lexer.next()
        return name
    }

    func codeString(_ s: [UInt8]) -> Expression { Expression(.constant, fs.stringConstant(s)) }

    func enterLevel() throws(CompileError) {
        levels += 1
        try checkLimit(levels, Compiler.maximumLevels, "C levels")
    }

    func leaveLevel() { levels -= 1 }

    // MARK: Variables

    func registerLocalVariable(_ name: [UInt8]) -> Int {
        fs.f.localVariables.append(LocalVariableDescription(name: name, startPC: 0, endPC: 0))
        return fs.f.localVariables.count - 1
    }

    func newLocalVariable(_ name: [UInt8]) throws(CompileError) {
        let index = registerLocalVariable(name)
        try checkLimit(activeVariables.count + 1 - fs.firstLocal, Compiler.maximumVariables, "local variables")
        activeVariables.append(index)
    }

    func newLocalVariable(_ name: String) throws(CompileError) { try newLocalVariable(Array(name.utf8)) }

    func localVariableIndex(_ fs: FunctionState, _ i: Int) -> Int { activeVariables[fs.firstLocal + i] }

    func adjustLocalVariables(_ count: Int) {
        fs.activeVariables += count
        for k in stride(from: count, to: 0, by: -1) {
            fs.f.localVariables[localVariableIndex(fs, fs.activeVariables - k)].startPC = Int32(fs.pc)
        }
    }

    func removeVariables(_ fs: FunctionState, toLevel level: Int) {
        let count = fs.activeVariables - level
        while fs.activeVariables > level {
            fs.activeVariables -= 1
            fs.f.localVariables[localVariableIndex(fs, fs.activeVariables)].endPC = Int32(fs.pc)
        }
        activeVariables.removeLast(count)
    }

    func searchUpvalue(_ fs: FunctionState, _ name: [UInt8]) -> Int? {
        fs.f.upvalues.firstIndex { $0.name == name }
    }

    func newUpvalue(_ fs: FunctionState, _ name: [UInt8], _ v: Expression) throws(CompileError) -> Int {
        if fs.f.upvalues.count + 1 > Compiler.maximumUpvalues {
            let line = fs.f.lineDefined
            let place = line == 0 ? "main function" : "function at line \(line)"
            throw lexer.syntaxError("too many upvalues (limit is \(Compiler.maximumUpvalues)) in \(place)")
        }
        fs.f.upvalues.append(UpvalueDescription(name: name, inStack: v.kind == .local, index: UInt8(v.info)))
        return fs.f.upvalues.count - 1
    }

    func searchVariable(_ fs: FunctionState, _ name: [UInt8]) -> Int? {
        var i = fs.activeVariables - 1
        while i >= 0 {
            if fs.f.localVariables[localVariableIndex(fs, i)].name == name { return i }
            i -= 1
        }
        return nil
    }

    func markUpvalue(_ fs: FunctionState, _ level: Int) {
        var b = fs.blocks.count - 1
        while fs.blocks[b].activeVariables > level { b -= 1 }
        fs.blocks[b].hasUpvalue = true
    }

    func singleVariableAux(_ fs: FunctionState?, _ name: [UInt8], _ base: Bool) throws(CompileError) -> Expression {
        guard let fs else { return Expression(.void) }
        if let v = searchVariable(fs, name) {
            if !base { markUpvalue(fs, v) }
            return Expression(.local, v)
        }
        var index = searchUpvalue(fs, name)
        if index == nil {
            let v = try singleVariableAux(fs.parent, name, false)
            if v.kind == .void { return v }
            index = try newUpvalue(fs, name, v)
        }
        return Expression(.upvalue, index!)
    }

    func singleVariable() throws(CompileError) -> Expression {
        let name = try checkName()
        var v = try singleVariableAux(fs, name, true)
        if v.kind == .void {
            v = try singleVariableAux(fs, Compiler.environmentName, true)
            var key = codeString(name)
            try fs.indexed(&v, &key)
        }
        return v
    }

    func adjustAssignment(_ variableCount: Int, _ expressionCount: Int, _ e: inout Expression) throws(CompileError) {
        var extra = variableCount - expressionCount
        if e.kind.hasMultipleResults {
            extra += 1
            if extra < 0 { extra = 0 }
            try fs.setReturns(&e, extra)
            if extra > 1 { try fs.reserveRegisters(extra - 1) }
        } else {
            if e.kind != .void { try fs.expressionToNextRegister(&e) }
            if extra > 0 {
                let register = fs.freeRegister
                try fs.reserveRegisters(extra)
                fs.loadNil(register, extra)
            }
        }
        if expressionCount > variableCount { fs.freeRegister -= expressionCount - variableCount }
    }

    // MARK: Gotos and labels

    func closeGoto(_ g: Int, _ label: LabelDescription) throws(CompileError) {
        let gt = pendingGotos[g]
        if gt.activeVariables < label.activeVariables {
            let name = fs.f.localVariables[localVariableIndex(fs, gt.activeVariables)].name
            throw semanticError(
                "<goto \(String(decoding: gt.name, as: UTF8.self))> at line \(gt.line) jumps into the scope of local '\(String(decoding: name, as: UTF8.self))'"
            )
        }
        try fs.patchList(gt.pc, label.pc)
        pendingGotos.remove(at: g)
    }

    func findLabel(_ g: Int) throws(CompileError) -> Bool {
        let block = fs.blocks[fs.blocks.count - 1]
        let gt = pendingGotos[g]
        var i = block.firstLabel
        while i < labels.count {
            let lb = labels[i]
            if lb.name == gt.name {
                if gt.activeVariables > lb.activeVariables && (block.hasUpvalue || labels.count > block.firstLabel) {
                    fs.patchClose(gt.pc, lb.activeVariables)
                }
                try closeGoto(g, lb)
                return true
            }
            i += 1
        }
        return false
    }

    func newLabelEntry(_ list: inout [LabelDescription], _ name: [UInt8], _ line: Int, _ pc: Int) -> Int {
        list.append(LabelDescription(name: name, pc: pc, line: line, activeVariables: fs.activeVariables))
        return list.count - 1
    }

    func findGotos(_ label: LabelDescription) throws(CompileError) {
        var i = fs.blocks[fs.blocks.count - 1].firstGoto
        while i < pendingGotos.count {
            if pendingGotos[i].name == label.name {
                try closeGoto(i, label)
            } else {
                i += 1
            }
        }
    }

    func moveGotosOut(_ block: BlockScope) throws(CompileError) {
        var i = block.firstGoto
        while i < pendingGotos.count {
            if pendingGotos[i].activeVariables > block.activeVariables {
                if block.hasUpvalue { fs.patchClose(pendingGotos[i].pc, block.activeVariables) }
                pendingGotos[i].activeVariables = block.activeVariables
            }
            if try !findLabel(i) { i += 1 }
        }
    }

    func enterBlock(isLoop: Bool) {
        fs.blocks.append(
            BlockScope(firstLabel: labels.count, firstGoto: pendingGotos.count, activeVariables: fs.activeVariables, isLoop: isLoop))
    }

    static let breakName: [UInt8] = Array("break".utf8)

    func breakLabel() throws(CompileError) {
        let l = newLabelEntry(&labels, Compiler.breakName, 0, fs.pc)
        try findGotos(labels[l])
    }

    func undefinedGoto(_ gt: LabelDescription) -> CompileError {
        let name = String(decoding: gt.name, as: UTF8.self)
        if Tokens.reserved(gt.name) != nil {
            return semanticError("<\(name)> at line \(gt.line) not inside a loop")
        }
        return semanticError("no visible label '\(name)' for <goto> at line \(gt.line)")
    }

    func leaveBlock() throws(CompileError) {
        let block = fs.blocks[fs.blocks.count - 1]
        let hasPrevious = fs.blocks.count > 1
        if hasPrevious && block.hasUpvalue {
            let j = try fs.jump()
            fs.patchClose(j, block.activeVariables)
            try fs.patchToHere(j)
        }
        if block.isLoop { try breakLabel() }
        fs.blocks.removeLast()
        removeVariables(fs, toLevel: block.activeVariables)
        fs.freeRegister = fs.activeVariables
        labels.removeLast(labels.count - block.firstLabel)
        if hasPrevious {
            // movegotosout runs with the block as 'current' for findlabel's purposes: lua5.3 has
            // already made the enclosing block current, so do the same.
            try moveGotosOut(block)
        } else if block.firstGoto < pendingGotos.count {
            throw undefinedGoto(pendingGotos[block.firstGoto])
        }
    }

    // MARK: Functions

    func openFunction(_ f: FunctionDescription) {
        let child = FunctionState(f: f, parent: fs, compiler: self, firstLocal: activeVariables.count)
        child.f.source = lexer.chunkName
        child.f.maxStackSize = 2
        fs = child
        enterBlock(isLoop: false)
    }

    func closeFunction() throws(CompileError) -> FunctionDescription {
        fs.codeReturn(0, 0)
        try leaveBlock()
        var f = fs.f
        f.packedLineInfo = fs.lineEncoder.finished()
        fs = fs.parent
        return f
    }

    // MARK: Statements

    func blockFollows(withUntil: Bool) -> Bool {
        switch lexer.token {
        case Tokens.else, Tokens.elseif, Tokens.end, Tokens.eos: return true
        case Tokens.until: return withUntil
        default: return false
        }
    }

    func statementList() throws(CompileError) {
        while !blockFollows(withUntil: true) {
            if lexer.token == Tokens.return {
                try statement()
                return
            }
            try statement()
        }
    }

    func fieldSelector(_ v: inout Expression) throws(CompileError) {
        try fs.expressionToAnyRegisterOrUpvalue(&v)
        try lexer.next()
        var key = codeString(try checkName())
        try fs.indexed(&v, &key)
    }

    func index() throws(CompileError) -> Expression {
        try lexer.next()
        var v = try expression()
        try fs.expressionToValue(&v)
        try checkNext(93)
        return v
    }

    // MARK: Constructors

    struct ConstructorState {
        var last = Expression(.void)
        var table: Expression
        var hashCount = 0
        var arrayCount = 0
        var toStore = 0
    }

    func recordField(_ cc: inout ConstructorState) throws(CompileError) {
        let register = fs.freeRegister
        var key: Expression
        if lexer.token == Tokens.name {
            try checkLimit(cc.hashCount, Int(Int32.max), "items in a constructor")
            key = codeString(try checkName())
        } else {
            key = try index()
        }
        cc.hashCount += 1
        try checkNext(61)
        let rkKey = try fs.expressionToRK(&key)
        var value = try expression()
        let rkValue = try fs.expressionToRK(&value)
        fs.codeABC(.settable, cc.table.info, rkKey, rkValue)
        fs.freeRegister = register
    }

    func closeListField(_ cc: inout ConstructorState) throws(CompileError) {
        if cc.last.kind == .void { return }
        try fs.expressionToNextRegister(&cc.last)
        cc.last.kind = .void
        if cc.toStore == InstructionFormat.fieldsPerFlush {
            try fs.setList(cc.table.info, cc.arrayCount, cc.toStore)
            cc.toStore = 0
        }
    }

    func lastListField(_ cc: inout ConstructorState) throws(CompileError) {
        if cc.toStore == 0 { return }
        if cc.last.kind.hasMultipleResults {
            try fs.setMultipleReturns(&cc.last)
            try fs.setList(cc.table.info, cc.arrayCount, FunctionState.multipleReturns)
            cc.arrayCount -= 1
        } else {
            if cc.last.kind != .void { try fs.expressionToNextRegister(&cc.last) }
            try fs.setList(cc.table.info, cc.arrayCount, cc.toStore)
        }
    }

    func listField(_ cc: inout ConstructorState) throws(CompileError) {
        cc.last = try expression()
        try checkLimit(cc.arrayCount, Int(Int32.max), "items in a constructor")
        cc.arrayCount += 1
        cc.toStore += 1
    }

    func field(_ cc: inout ConstructorState) throws(CompileError) {
        switch lexer.token {
        case Tokens.name:
            if try lexer.peek() != 61 {
                try listField(&cc)
            } else {
                try recordField(&cc)
            }
        case 91:
            try recordField(&cc)
        default:
            try listField(&cc)
        }
    }

    func constructor() throws(CompileError) -> Expression {
        let line = lexer.lineNumber
        let pc = fs.codeABC(.newtable, 0, 0, 0)
        var cc = ConstructorState(table: Expression(.relocatable, pc))
        try fs.expressionToNextRegister(&cc.table)
        try checkNext(123)
        repeat {
            if lexer.token == 125 { break }
            try closeListField(&cc)
            try field(&cc)
            if try testNext(44) { continue }
            if try !testNext(59) { break }
        } while true
        try checkMatch(125, 123, line)
        try lastListField(&cc)
        fs.setB(pc, integerToFloatingByte(cc.arrayCount))
        fs.setC(pc, integerToFloatingByte(cc.hashCount))
        return cc.table
    }

    /// luaO_int2fb: a size as an 8-bit "floating point byte" (eeeeexxx).
    func integerToFloatingByte(_ x: Int) -> Int {
        var x = UInt32(truncatingIfNeeded: x)
        var e: UInt32 = 0
        if x < 8 { return Int(x) }
        while x >= 8 << 4 {
            x = (x + 0xf) >> 4
            e += 4
        }
        while x >= 8 << 1 {
            x = (x + 1) >> 1
            e += 1
        }
        return Int(((e + 1) << 3) | (x - 8))
    }

    // MARK: Function bodies

    func parameterList() throws(CompileError) {
        var count = 0
        fs.f.isVararg = false
        if lexer.token != 41 {
            repeat {
                switch lexer.token {
                case Tokens.name:
                    try newLocalVariable(try checkName())
                    count += 1
                case Tokens.dots:
                    try lexer.next()
                    fs.f.isVararg = true
                default:
                    throw lexer.syntaxError("<name> or '...' expected")
                }
                if fs.f.isVararg { break }
            } while try testNext(44)
        }
        adjustLocalVariables(count)
        fs.f.numParams = UInt8(fs.activeVariables)
        try fs.reserveRegisters(fs.activeVariables)
    }

    func body(isMethod: Bool, line: Int) throws(CompileError) -> Expression {
        let parent = fs!
        let protoIndex = parent.f.protos.count
        parent.f.protos.append(FunctionDescription())
        var f = FunctionDescription()
        f.lineDefined = Int32(line)
        openFunction(f)
        try checkNext(40)
        if isMethod {
            try newLocalVariable("self")
            adjustLocalVariables(1)
        }
        try parameterList()
        try checkNext(41)
        try statementList()
        fs.f.lastLineDefined = Int32(lexer.lineNumber)
        try checkMatch(Tokens.end, Tokens.function, line)
        // codeclosure: OP_CLOSURE goes in the parent before the child is closed.
        var e = Expression(.relocatable, parent.codeABx(.closure, 0, protoIndex))
        try parent.expressionToNextRegister(&e)
        let child = try closeFunction()
        fs.f.protos[protoIndex] = child
        return e
    }

    func expressionList(_ v: inout Expression) throws(CompileError) -> Int {
        var n = 1
        v = try expression()
        while try testNext(44) {
            try fs.expressionToNextRegister(&v)
            v = try expression()
            n += 1
        }
        return n
    }

    func functionArguments(_ f: inout Expression, line: Int) throws(CompileError) {
        var args: Expression
        switch lexer.token {
        case 40:
            try lexer.next()
            if lexer.token == 41 {
                args = Expression(.void)
            } else {
                args = Expression(.void)
                _ = try expressionList(&args)
                try fs.setMultipleReturns(&args)
            }
            try checkMatch(41, 40, line)
        case 123:
            args = try constructor()
        case Tokens.string:
            args = codeString(lexer.tokenString)
            try lexer.next()
        default:
            throw lexer.syntaxError("function arguments expected")
        }
        let base = f.info
        let parameterCount: Int
        if args.kind.hasMultipleResults {
            parameterCount = FunctionState.multipleReturns
        } else {
            if args.kind != .void { try fs.expressionToNextRegister(&args) }
            parameterCount = fs.freeRegister - (base + 1)
        }
        f = Expression(.call, fs.codeABC(.call, base, parameterCount + 1, 2))
        fs.fixLine(line)
        fs.freeRegister = base + 1
    }

    // MARK: Expressions

    func primaryExpression() throws(CompileError) -> Expression {
        switch lexer.token {
        case 40:
            let line = lexer.lineNumber
            try lexer.next()
            var v = try expression()
            try checkMatch(41, 40, line)
            fs.dischargeVariables(&v)
            return v
        case Tokens.name:
            return try singleVariable()
        default:
            throw lexer.syntaxError("unexpected symbol")
        }
    }

    func suffixedExpression() throws(CompileError) -> Expression {
        let line = lexer.lineNumber
        var v = try primaryExpression()
        while true {
            switch lexer.token {
            case 46:
                try fieldSelector(&v)
            case 91:
                try fs.expressionToAnyRegisterOrUpvalue(&v)
                var key = try index()
                try fs.indexed(&v, &key)
            case 58:
                try lexer.next()
                var key = codeString(try checkName())
                try fs.codeSelf(&v, &key)
                try functionArguments(&v, line: line)
            case 40, Tokens.string, 123:
                try fs.expressionToNextRegister(&v)
                try functionArguments(&v, line: line)
            default:
                return v
            }
        }
    }

    func simpleExpression() throws(CompileError) -> Expression {
        var v: Expression
        switch lexer.token {
        case Tokens.float:
            v = Expression(.float)
            v.floatValue = lexer.tokenFloat
        case Tokens.integer:
            v = Expression(.integer)
            v.integerValue = lexer.tokenInteger
        case Tokens.string:
            v = codeString(lexer.tokenString)
        case Tokens.nil:
            v = Expression(.nil)
        case Tokens.true:
            v = Expression(.true)
        case Tokens.false:
            v = Expression(.false)
        case Tokens.dots:
            try checkCondition(fs.f.isVararg, "cannot use '...' outside a vararg function")
            v = Expression(.vararg, fs.codeABC(.vararg, 0, 1, 0))
        case 123:
            return try constructor()
        case Tokens.function:
            try lexer.next()
            return try body(isMethod: false, line: lexer.lineNumber)
        default:
            return try suffixedExpression()
        }
        try lexer.next()
        return v
    }

    static func unaryOperator(_ token: Token) -> UnaryOperator? {
        switch token {
        case Tokens.not: .not
        case 45: .minus
        case 126: .bitwiseNot
        case 35: .length
        default: nil
        }
    }

    static let unaryPriority = 12

    /// subexpr: returns the first binary operator not handled (priority too low).
    func subexpression(_ v: inout Expression, _ limit: Int) throws(CompileError) -> BinaryOperator? {
        try enterLevel()
        if let unary = Compiler.unaryOperator(lexer.token) {
            let line = lexer.lineNumber
            try lexer.next()
            _ = try subexpression(&v, Compiler.unaryPriority)
            try fs.prefix(unary, &v, line)
        } else {
            v = try simpleExpression()
        }
        var op = BinaryOperator.from(lexer.token)
        while let current = op, current.priority.left > limit {
            let line = lexer.lineNumber
            try lexer.next()
            try fs.infix(current, &v)
            var v2 = Expression(.void)
            let next = try subexpression(&v2, current.priority.right)
            try fs.postfix(current, &v, &v2, line)
            op = next
        }
        leaveLevel()
        return op
    }

    func expression() throws(CompileError) -> Expression {
        var v = Expression(.void)
        _ = try subexpression(&v, 0)
        return v
    }

    // MARK: Statements

    func block() throws(CompileError) {
        enterBlock(isLoop: false)
        try statementList()
        try leaveBlock()
    }

    /// In a multiple assignment, a local or upvalue assigned now may be the table or key of an
    /// earlier indexed target: copy it to a safe register first.
    func checkConflict(_ targets: inout [Expression], _ v: Expression) throws(CompileError) {
        let extra = fs.freeRegister
        var conflict = false
        for i in targets.indices where targets[i].kind == .indexed {
            if targets[i].indexedTableKind == v.kind && targets[i].indexedTable == v.info {
                conflict = true
                targets[i].indexedTableKind = .local
                targets[i].indexedTable = extra
            }
            if v.kind == .local && targets[i].indexedKey == v.info {
                conflict = true
                targets[i].indexedKey = extra
            }
        }
        if conflict {
            fs.codeABC(v.kind == .local ? .move : .getupval, extra, v.info, 0)
            try fs.reserveRegisters(1)
        }
    }

    /// assignment: `targets` holds the left-hand sides read so far (the last is the newest).
    func assignment(_ targets: inout [Expression]) throws(CompileError) {
        try checkCondition(targets[targets.count - 1].kind.isVariable, "syntax error")
        if try testNext(44) {
            let v = try suffixedExpression()
            if v.kind != .indexed { try checkConflict(&targets, v) }
            try checkLimit(targets.count + levels, Compiler.maximumLevels, "C levels")
            targets.append(v)
            try assignment(&targets)
            targets.removeLast()
        } else {
            try checkNext(61)
            var e = Expression(.void)
            let count = try expressionList(&e)
            if count != targets.count {
                try adjustAssignment(targets.count, count, &e)
            } else {
                fs.setOneReturn(&e)
                try fs.storeVariable(targets[targets.count - 1], &e)
                return
            }
        }
        var e = Expression(.nonRelocatable, fs.freeRegister - 1)
        try fs.storeVariable(targets[targets.count - 1], &e)
    }

    func condition() throws(CompileError) -> Int {
        var v = try expression()
        if v.kind == .nil { v.kind = .false }
        try fs.goIfTrue(&v)
        return v.falseList
    }

    func gotoStatement(_ pc: Int) throws(CompileError) {
        let line = lexer.lineNumber
        let name: [UInt8]
        if try testNext(Tokens.goto) {
            name = try checkName()
        } else {
            try lexer.next()
            name = Compiler.breakName
        }
        let g = newLabelEntry(&pendingGotos, name, line, pc)
        _ = try findLabel(g)
    }

    func checkRepeatedLabel(_ name: [UInt8]) throws(CompileError) {
        var i = fs.blocks[fs.blocks.count - 1].firstLabel
        while i < labels.count {
            if labels[i].name == name {
                throw semanticError("label '\(String(decoding: name, as: UTF8.self))' already defined on line \(labels[i].line)")
            }
            i += 1
        }
    }

    func skipNoOpStatements() throws(CompileError) {
        while lexer.token == 59 || lexer.token == Tokens.doubleColon { try statement() }
    }

    func labelStatement(_ name: [UInt8], _ line: Int) throws(CompileError) {
        try checkRepeatedLabel(name)
        try checkNext(Tokens.doubleColon)
        let l = newLabelEntry(&labels, name, line, fs.label())
        try skipNoOpStatements()
        if blockFollows(withUntil: false) {
            labels[l].activeVariables = fs.blocks[fs.blocks.count - 1].activeVariables
        }
        try findGotos(labels[l])
    }

    func whileStatement(_ line: Int) throws(CompileError) {
        try lexer.next()
        let start = fs.label()
        let exit = try condition()
        enterBlock(isLoop: true)
        try checkNext(Tokens.do)
        try block()
        try fs.jump(to: start)
        try checkMatch(Tokens.end, Tokens.while, line)
        try leaveBlock()
        try fs.patchToHere(exit)
    }

    func repeatStatement(_ line: Int) throws(CompileError) {
        let start = fs.label()
        enterBlock(isLoop: true)
        enterBlock(isLoop: false)
        try lexer.next()
        try statementList()
        try checkMatch(Tokens.until, Tokens.repeat, line)
        let exit = try condition()
        let scope = fs.blocks[fs.blocks.count - 1]
        if scope.hasUpvalue { fs.patchClose(exit, scope.activeVariables) }
        try leaveBlock()
        try fs.patchList(exit, start)
        try leaveBlock()
    }

    func expressionToNextRegister() throws(CompileError) {
        var e = try expression()
        try fs.expressionToNextRegister(&e)
    }

    func forBody(base: Int, line: Int, variableCount: Int, isNumeric: Bool) throws(CompileError) {
        adjustLocalVariables(3)
        try checkNext(Tokens.do)
        let prep = isNumeric ? fs.codeAsBx(.forprep, base, FunctionState.noJump) : try fs.jump()
        enterBlock(isLoop: false)
        adjustLocalVariables(variableCount)
        try fs.reserveRegisters(variableCount)
        try block()
        try leaveBlock()
        try fs.patchToHere(prep)
        let endFor: Int
        if isNumeric {
            endFor = fs.codeAsBx(.forloop, base, FunctionState.noJump)
        } else {
            fs.codeABC(.tforcall, base, 0, variableCount)
            fs.fixLine(line)
            endFor = fs.codeAsBx(.tforloop, base + 2, FunctionState.noJump)
        }
        try fs.patchList(endFor, prep + 1)
        fs.fixLine(line)
    }

    func numericFor(_ name: [UInt8], _ line: Int) throws(CompileError) {
        let base = fs.freeRegister
        try newLocalVariable("(for index)")
        try newLocalVariable("(for limit)")
        try newLocalVariable("(for step)")
        try newLocalVariable(name)
        try checkNext(61)
        try expressionToNextRegister()
        try checkNext(44)
        try expressionToNextRegister()
        if try testNext(44) {
            try expressionToNextRegister()
        } else {
            fs.codeConstant(fs.freeRegister, fs.integerConstant(1))
            try fs.reserveRegisters(1)
        }
        try forBody(base: base, line: line, variableCount: 1, isNumeric: true)
    }

    func genericFor(_ indexName: [UInt8]) throws(CompileError) {
        var variableCount = 4
        let base = fs.freeRegister
        try newLocalVariable("(for generator)")
        try newLocalVariable("(for state)")
        try newLocalVariable("(for control)")
        try newLocalVariable(indexName)
        while try testNext(44) {
            try newLocalVariable(try checkName())
            variableCount += 1
        }
        try checkNext(Tokens.in)
        let line = lexer.lineNumber
        var e = Expression(.void)
        let count = try expressionList(&e)
        try adjustAssignment(3, count, &e)
        try fs.checkStack(3)
        try forBody(base: base, line: line, variableCount: variableCount - 3, isNumeric: false)
    }

    func forStatement(_ line: Int) throws(CompileError) {
        enterBlock(isLoop: true)
        try lexer.next()
        let name = try checkName()
        switch lexer.token {
        case 61: try numericFor(name, line)
        case 44, Tokens.in: try genericFor(name)
        default: throw lexer.syntaxError("'=' or 'in' expected")
        }
        try checkMatch(Tokens.end, Tokens.for, line)
        try leaveBlock()
    }

    func testThenBlock(_ escapeList: inout Int) throws(CompileError) {
        try lexer.next()
        var v = try expression()
        try checkNext(Tokens.then)
        let jumpFalse: Int
        if lexer.token == Tokens.goto || lexer.token == Tokens.break {
            try fs.goIfFalse(&v)
            enterBlock(isLoop: false)
            try gotoStatement(v.trueList)
            while try testNext(59) {}
            if blockFollows(withUntil: false) {
                try leaveBlock()
                return
            }
            jumpFalse = try fs.jump()
        } else {
            try fs.goIfTrue(&v)
            enterBlock(isLoop: false)
            jumpFalse = v.falseList
        }
        try statementList()
        try leaveBlock()
        if lexer.token == Tokens.else || lexer.token == Tokens.elseif {
            try fs.concatenate(&escapeList, try fs.jump())
        }
        try fs.patchToHere(jumpFalse)
    }

    func ifStatement(_ line: Int) throws(CompileError) {
        var escapeList = FunctionState.noJump
        try testThenBlock(&escapeList)
        while lexer.token == Tokens.elseif { try testThenBlock(&escapeList) }
        if try testNext(Tokens.else) { try block() }
        try checkMatch(Tokens.end, Tokens.if, line)
        try fs.patchToHere(escapeList)
    }

    func localFunction() throws(CompileError) {
        try newLocalVariable(try checkName())
        adjustLocalVariables(1)
        let b = try body(isMethod: false, line: lexer.lineNumber)
        fs.f.localVariables[localVariableIndex(fs, b.info)].startPC = Int32(fs.pc)
    }

    func localStatement() throws(CompileError) {
        var variableCount = 0
        repeat {
            try newLocalVariable(try checkName())
            variableCount += 1
        } while try testNext(44)
        var e = Expression(.void)
        var count = 0
        if try testNext(61) {
            count = try expressionList(&e)
        }
        try adjustAssignment(variableCount, count, &e)
        adjustLocalVariables(variableCount)
    }

    func functionName(_ v: inout Expression) throws(CompileError) -> Bool {
        v = try singleVariable()
        while lexer.token == 46 { try fieldSelector(&v) }
        if lexer.token == 58 {
            try fieldSelector(&v)
            return true
        }
        return false
    }

    func functionStatement(_ line: Int) throws(CompileError) {
        try lexer.next()
        var v = Expression(.void)
        let isMethod = try functionName(&v)
        var b = try body(isMethod: isMethod, line: line)
        try fs.storeVariable(v, &b)
        fs.fixLine(line)
    }

    func expressionStatement() throws(CompileError) {
        let v = try suffixedExpression()
        if lexer.token == 61 || lexer.token == 44 {
            var targets = [v]
            try assignment(&targets)
        } else {
            try checkCondition(v.kind == .call, "syntax error")
            fs.setC(v.info, 1)
        }
    }

    func returnStatement() throws(CompileError) {
        var first = 0
        var count = 0
        if !(blockFollows(withUntil: true) || lexer.token == 59) {
            var e = Expression(.void)
            count = try expressionList(&e)
            if e.kind.hasMultipleResults {
                try fs.setMultipleReturns(&e)
                if e.kind == .call && count == 1 { fs.setOpcode(e.info, .tailcall) }
                first = fs.activeVariables
                count = FunctionState.multipleReturns
            } else if count == 1 {
                first = try fs.expressionToAnyRegister(&e)
            } else {
                try fs.expressionToNextRegister(&e)
                first = fs.activeVariables
            }
        }
        fs.codeReturn(first, count)
        _ = try testNext(59)
    }

    func statement() throws(CompileError) {
        let line = lexer.lineNumber
        try enterLevel()
        switch lexer.token {
        case 59:
            try lexer.next()
        case Tokens.if:
            try ifStatement(line)
        case Tokens.while:
            try whileStatement(line)
        case Tokens.do:
            try lexer.next()
            try block()
            try checkMatch(Tokens.end, Tokens.do, line)
        case Tokens.for:
            try forStatement(line)
        case Tokens.repeat:
            try repeatStatement(line)
        case Tokens.function:
            try functionStatement(line)
        case Tokens.local:
            try lexer.next()
            if try testNext(Tokens.function) {
                try localFunction()
            } else {
                try localStatement()
            }
        case Tokens.doubleColon:
            try lexer.next()
            try labelStatement(try checkName(), line)
        case Tokens.return:
            try lexer.next()
            try returnStatement()
        case Tokens.break, Tokens.goto:
            try gotoStatement(try fs.jump())
        default:
            try expressionStatement()
        }
        fs.freeRegister = fs.activeVariables
        leaveLevel()
    }

    func mainFunction() throws(CompileError) -> FunctionDescription {
        openFunction(FunctionDescription())
        fs.f.isVararg = true
        _ = try newUpvalue(fs, Compiler.environmentName, Expression(.local, 0))
        try lexer.next()
        try statementList()
        try check(Tokens.eos)
        return try closeFunction()
    }
}
