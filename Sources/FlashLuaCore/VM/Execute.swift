import CFlashLuaShim
import FlashLuaBytecode

/// Operand location for error messages ("local 'x'", "upvalue 'y'"): >= 0 a register of the
/// running Lua frame, < 0 upvalue -1-n, `Operand.none` anything else.
package typealias Operand = Int

/// Constant i of a prototype's constant array (strings resolved from their relative offset).
@inline(__always) func readConstant(_ k: UnsafePointer<Value>, _ i: Int) -> Value {
    let slot = k + i
    let v = slot.pointee
    if v.tag == .shortString || v.tag == .longString {
        return Value(tag: v.tag, payload: UInt64(Int64(Int(bitPattern: slot)) &+ Int64(bitPattern: v.payload)))
    }
    return v
}

/// An RK operand: a constant when bit 8 is set, else a register.
@inline(__always) func readRK(_ base: UnsafeMutablePointer<Value>, _ k: UnsafePointer<Value>, _ x: Int) -> Value {
    Instruction.isConstant(x) ? readConstant(k, Instruction.constantIndex(x)) : base[x]
}

@inline(__always) func rkOperand(_ x: Int) -> Operand { Instruction.isConstant(x) ? Operand.none : x }
extension Operand {
    package static let none = Int.min
    static func upvalue(_ n: Int) -> Int { -1 - n }
}

@inline(__always) func fb2int(_ x: Int) -> Int {
    x < 8 ? x : ((x & 7) + 8) << ((x >> 3) - 1)
}

extension LuaState {
    /// JMP `j` with `pc` just past it: moves by its offset and, when A asks for it, closes the
    /// upvalues from R(A-1) up.
    @inline(__always) func jump(_ j: Instruction, _ pc: inout UnsafePointer<Instruction>, _ t: LuaThread, frameBase: Int) {
        pc += j.sbx
        if j.a > 0 { closeUpvalues(t, from: frameBase + j.a - 1) }
    }

    /// The JMP at `pc` that follows a test whose condition held (EQ, LT, LE, TEST, TESTSET).
    @inline(__always) func takeJump(_ pc: inout UnsafePointer<Instruction>, _ t: LuaThread, frameBase: Int) {
        let j = pc.pointee
        pc += 1
        jump(j, &pc, t, frameBase: frameBase)
    }

    /// Stores an instruction's result in R(A) after a call that may have moved the stack, and
    /// returns the frame's base as it is now.
    @inline(__always) func storeResult(
        _ v: Value, _ a: Int, _ t: LuaThread, _ ci: UnsafeMutablePointer<CallInfo>
    ) -> UnsafeMutablePointer<Value> {
        let base = t.stack + ci.pointee.base
        base[a] = v
        return base
    }

    /// Runs Lua frames of the running thread, starting with its current frame, until a frame
    /// entered from Swift (`CallInfo.fresh`) returns. The model is chosen here, once per entry:
    /// each loop is specialized for its model, so the 64-bit one tests nothing per instruction.
    /// The 64-bit loop is inlined here rather than put in a wrapper of its own: with the loop
    /// one call further down, LLVM kept `pc` in a stack slot (callgrind: fib +5% instructions).
    func execute() throws(LuaError) {
        if _slowPath(numbers != .int64Double) { return try execute32() }
        try executeLoop(Numbers64.self)
    }

    @inline(never) func execute32() throws(LuaError) { try executeLoop(Numbers32.self) }

    @inline(__always) func executeLoop<R: NumberRules>(_ rules: R.Type) throws(LuaError) {
        let t = current!
        // The running frame. Every `continue newFrame` sets it first: recomputing it from the
        // thread costs a segment-table lookup on each call and return.
        var ci = t.ci
        newFrame: while true {
            let cl = t.stack[ci.pointee.function].luaClosure
            let proto = cl.proto
            let k = proto.constants
            var base = t.stack + ci.pointee.base
            var pc = ci.pointee.savedPC.unsafelyUnwrapped

            while true {
                let i = pc.pointee
                pc += 1
                ci.pointee.savedPC = pc
                if _slowPath(t.body.pointee.hookMask & (HookMask.line | HookMask.count) != 0) {
                    try traceExecution(pc)
                    base = t.stack + ci.pointee.base
                }
                let op = i.verifiedOpcode
                let a = i.a
                var ra = base + a
                switch op {
                case .move:
                    ra.pointee = base[i.b]
                case .loadk:
                    ra.pointee = readConstant(k, i.bx)
                case .loadkx:
                    ra.pointee = readConstant(k, pc.pointee.ax)
                    pc += 1
                case .loadbool:
                    ra.pointee = Value(tag: .boolean, payload: UInt64(i.b))
                    if i.c != 0 { pc += 1 }
                case .loadnil:
                    var b = i.b
                    while b >= 0 {
                        ra.pointee = .nil
                        ra += 1
                        b -= 1
                    }
                case .getupval:
                    ra.pointee = cl.upvalue(i.b).pointer.pointee
                case .gettabup:
                    let upIndex = i.b
                    let table = cl.upvalue(upIndex).pointer.pointee
                    let key = readRK(base, k, i.c)
                    if table.tag == .table && key.tag == .shortString, let p = table.table.get(shortString: key.string) {
                        ra.pointee = p.pointee
                    } else {
                        base = try storeResult(getIndex(table, key, operand: .upvalue(upIndex)), a, t, ci)
                    }
                case .gettable:
                    let b = i.b
                    let table = base[b]
                    let key = readRK(base, k, i.c)
                    if table.tag == .table {
                        let tt = table.table
                        let p: UnsafeMutablePointer<Value>? =
                            key.tag == .integer
                            ? tt.get(integer: key.integer)
                            : key.tag == .shortString ? tt.get(shortString: key.string) : tt.get(key, seed: seed)
                        if let p {
                            ra.pointee = p.pointee
                            continue
                        }
                    }
                    base = try storeResult(getIndex(table, key, operand: b), a, t, ci)
                case .settabup:
                    let upIndex = a
                    let table = cl.upvalue(upIndex).pointer.pointee
                    let key = readRK(base, k, i.b)
                    let value = readRK(base, k, i.c)
                    if table.tag == .table && key.tag == .shortString, let p = table.table.get(shortString: key.string) {
                        p.pointee = value
                    } else {
                        try setIndex(table, key, value, operand: .upvalue(upIndex))
                        base = t.stack + ci.pointee.base
                    }
                case .setupval:
                    cl.upvalue(i.b).pointer.pointee = ra.pointee
                case .settable:
                    let table = ra.pointee
                    let key = readRK(base, k, i.b)
                    let value = readRK(base, k, i.c)
                    if table.tag == .table {
                        let tt = table.table
                        let p: UnsafeMutablePointer<Value>? =
                            key.tag == .integer
                            ? tt.get(integer: key.integer)
                            : key.tag == .shortString ? tt.get(shortString: key.string) : nil
                        if let p {
                            p.pointee = value
                            continue
                        }
                    }
                    try setIndex(table, key, value, operand: a)
                    base = t.stack + ci.pointee.base
                case .newtable:
                    let b = i.b
                    let c = i.c
                    let table = try newTable(arraySize: fb2int(b), hashSize: fb2int(c))
                    base = t.stack + ci.pointee.base
                    base[a] = Value(table)
                    if totalBytes >= gcThreshold {
                        t.top = ci.pointee.base + a + 1
                        try collectIfAllowed()
                        t.top = ci.pointee.top
                        base = t.stack + ci.pointee.base
                    }
                case .self:
                    let b = i.b
                    let object = base[b]
                    let key = readRK(base, k, i.c)
                    ra[1] = object
                    if object.tag == .table && key.tag == .shortString, let p = object.table.get(shortString: key.string) {
                        ra.pointee = p.pointee
                    } else {
                        base = try storeResult(getIndex(object, key, operand: b), a, t, ci)
                    }
                case .add:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if x.tag == .integer && y.tag == .integer {
                        ra.pointee = Value(R.wrap(x.integer &+ y.integer))
                    } else if x.tag == .float && y.tag == .float {
                        ra.pointee = Value(R.round(x.float + y.float))
                    } else if let fx = R.asFloat(x), let fy = R.asFloat(y) {
                        ra.pointee = Value(R.round(fx + fy))
                    } else {
                        base = try storeResult(arithmetic(.add, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .sub:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if x.tag == .integer && y.tag == .integer {
                        ra.pointee = Value(R.wrap(x.integer &- y.integer))
                    } else if x.tag == .float && y.tag == .float {
                        ra.pointee = Value(R.round(x.float - y.float))
                    } else if let fx = R.asFloat(x), let fy = R.asFloat(y) {
                        ra.pointee = Value(R.round(fx - fy))
                    } else {
                        base = try storeResult(arithmetic(.sub, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .mul:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if x.tag == .integer && y.tag == .integer {
                        ra.pointee = Value(R.wrap(x.integer &* y.integer))
                    } else if x.tag == .float && y.tag == .float {
                        ra.pointee = Value(R.round(x.float * y.float))
                    } else if let fx = R.asFloat(x), let fy = R.asFloat(y) {
                        ra.pointee = Value(R.round(fx * fy))
                    } else {
                        base = try storeResult(arithmetic(.mul, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .div:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if let fx = R.asFloat(x), let fy = R.asFloat(y) {
                        ra.pointee = Value(R.round(fx / fy))
                    } else {
                        base = try storeResult(arithmetic(.div, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .mod:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if x.tag == .integer && y.tag == .integer && y.integer != 0 {
                        ra.pointee = Value(integerMod(x.integer, y.integer))
                    } else if x.tag == .float && y.tag == .float && R.floatModIsDefined(y.float) {
                        ra.pointee = Value(R.floatMod(x.float, y.float))
                    } else {
                        base = try storeResult(arithmeticSlow(op, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .idiv:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if x.tag == .integer && y.tag == .integer && y.integer != 0 {
                        ra.pointee = Value(R.wrap(integerDiv(x.integer, y.integer)))
                    } else if x.tag == .float && y.tag == .float {
                        ra.pointee = Value(R.floorDivide(x.float, y.float))
                    } else {
                        base = try storeResult(arithmeticSlow(op, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .pow:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if let fx = R.asFloat(x), let fy = R.asFloat(y) {
                        ra.pointee = Value(R.pow(fx, fy))
                    } else {
                        base = try storeResult(arithmeticSlow(op, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .band, .bor, .bxor, .shl, .shr:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    if x.tag == .integer && y.tag == .integer {
                        let m = x.integer
                        let n = y.integer
                        switch op {
                        case .band: ra.pointee = Value(m & n)
                        case .bor: ra.pointee = Value(m | n)
                        case .bxor: ra.pointee = Value(m ^ n)
                        case .shl: ra.pointee = Value(R.shiftLeft(m, n))
                        default: ra.pointee = Value(R.shiftLeft(m, 0 &- n))
                        }
                    } else {
                        base = try storeResult(arithmeticSlow(op, x, y, rkOperand(i.b), rkOperand(i.c)), a, t, ci)
                    }
                case .unm:
                    let b = i.b
                    let x = base[b]
                    if x.tag == .integer {
                        ra.pointee = Value(R.wrap(0 &- x.integer))
                    } else if x.tag == .float {
                        ra.pointee = Value(-x.float)
                    } else {
                        base = try storeResult(arithmetic(.unm, x, x, b, b), a, t, ci)
                    }
                case .bnot:
                    let b = i.b
                    let x = base[b]
                    if x.tag == .integer {
                        ra.pointee = Value(~x.integer)
                    } else {
                        base = try storeResult(arithmetic(.bnot, x, x, b, b), a, t, ci)
                    }
                case .not:
                    ra.pointee = Value(base[i.b].isFalsy)
                case .len:
                    let b = i.b
                    let x = base[b]
                    if x.tag == .shortString || x.tag == .longString {
                        ra.pointee = Value(Int64(x.string.count))
                    } else {
                        base = try storeResult(length(of: x, operand: b), a, t, ci)
                    }
                case .concat:
                    let b = i.b
                    let c = i.c
                    t.top = ci.pointee.base + c + 1
                    try concatenate(c - b + 1)
                    base = t.stack + ci.pointee.base
                    base[a] = base[b]
                    if totalBytes >= gcThreshold {
                        t.top = ci.pointee.base + max(a, b) + 1
                        try collectIfAllowed()
                        base = t.stack + ci.pointee.base
                    }
                    t.top = ci.pointee.top
                case .jmp:
                    jump(i, &pc, t, frameBase: ci.pointee.base)
                case .eq:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    let equal: Bool
                    if x.tag == y.tag && x.tag != .float && x.tag != .longString && x.tag != .table && x.tag != .userdata {
                        equal = x.payload == y.payload
                    } else {
                        equal = try valuesEqual(x, y)
                        base = t.stack + ci.pointee.base
                    }
                    if equal != (a != 0) {
                        pc += 1
                    } else {
                        takeJump(&pc, t, frameBase: ci.pointee.base)
                    }
                case .lt, .le:
                    let x = readRK(base, k, i.b)
                    let y = readRK(base, k, i.c)
                    let result: Bool
                    if x.tag == .integer && y.tag == .integer {
                        result = op == .lt ? x.integer < y.integer : x.integer <= y.integer
                    } else {
                        result = op == .lt ? try lessThan(x, y) : try lessEqual(x, y)
                        base = t.stack + ci.pointee.base
                    }
                    if result != (a != 0) {
                        pc += 1
                    } else {
                        takeJump(&pc, t, frameBase: ci.pointee.base)
                    }
                case .test:
                    let c = i.c
                    if c != 0 ? ra.pointee.isFalsy : !ra.pointee.isFalsy {
                        pc += 1
                    } else {
                        takeJump(&pc, t, frameBase: ci.pointee.base)
                    }
                case .testset:
                    let rb = base[i.b]
                    let c = i.c
                    if c != 0 ? rb.isFalsy : !rb.isFalsy {
                        pc += 1
                    } else {
                        ra.pointee = rb
                        takeJump(&pc, t, frameBase: ci.pointee.base)
                    }
                case .call:
                    let b = i.b
                    let wanted = i.c - 1
                    let funcIndex = ci.pointee.base + a
                    if b != 0 { t.top = funcIndex + b }
                    // Fast path: a Lua function with fixed parameters, room on both stacks and no
                    // hooks. Same effect as precall, without the call and its re-checks.
                    if ra.pointee.tag == .luaFunction {
                        let p = ra.pointee.luaClosure.proto
                        let body = t.body
                        let frameSize = p.maxStackSize
                        var top = body.pointee.top
                        if p.isPlainFixedCall && body.pointee.hookMask == 0
                            && top + frameSize + StackLimits.extra <= body.pointee.stackSize
                            && body.pointee.ciIndex + 1 < body.pointee.callInfoCapacity
                        {
                            let newBase = funcIndex + 1
                            let paramsEnd = newBase + p.numParams
                            let stack = body.pointee.stack
                            while top < paramsEnd {
                                stack[top] = .nil
                                top += 1
                            }
                            let newIndex = body.pointee.ciIndex + 1
                            body.pointee.ciIndex = newIndex
                            // Frames sit in segments: the next one is adjacent unless it starts a segment.
                            let nci = newIndex & (callInfoSegmentSize - 1) != 0 ? ci + 1 : t.callInfo(newIndex)
                            nci.pointee = CallInfo(
                                function: funcIndex, base: newBase, top: newBase + frameSize, savedPC: p.code,
                                wanted: wanted, flags: CallInfo.isLua, continuation: 0)
                            body.pointee.top = newBase + frameSize
                            ci = nci
                            continue newFrame
                        }
                    }
                    if try precall(funcIndex, wanted: wanted) {
                        if wanted >= 0 { t.top = ci.pointee.top }
                        base = t.stack + ci.pointee.base
                        if totalBytes >= gcThreshold {
                            let savedTop = t.top
                            if wanted >= 0 { t.top = ci.pointee.top }
                            try collectIfAllowed()
                            t.top = savedTop
                            base = t.stack + ci.pointee.base
                        }
                    } else {
                        ci = t.ci
                        continue newFrame
                    }
                case .tailcall:
                    let b = i.b
                    let funcIndex = ci.pointee.base + a
                    if b != 0 { t.top = funcIndex + b }
                    if try precall(funcIndex, wanted: -1) {
                        base = t.stack + ci.pointee.base
                    } else {
                        // Reuse the caller's frame: move the called function and its arguments down.
                        let nci = t.ci
                        let oci = t.callInfo(t.ciIndex - 1)
                        let nfunc = nci.pointee.function
                        let ofunc = oci.pointee.function
                        let calledProto = t.stack[nfunc].luaClosure.proto
                        let limit = nci.pointee.base + calledProto.numParams
                        if proto.protoCount > 0 { closeUpvalues(t, from: oci.pointee.base) }
                        var aux = 0
                        while nfunc + aux < limit {
                            t.stack[ofunc + aux] = t.stack[nfunc + aux]
                            aux += 1
                        }
                        oci.pointee.base = ofunc + (nci.pointee.base - nfunc)
                        oci.pointee.top = ofunc + (t.top - nfunc)
                        t.top = oci.pointee.top
                        oci.pointee.savedPC = nci.pointee.savedPC
                        oci.pointee.flags |= CallInfo.tail
                        t.body.pointee.ciIndex -= 1
                        // The caller's frame is gone (after the callee was counted, so a soft
                        // function calling itself in tail position keeps its code).
                        if proto.softFlags & SoftFlags.flushed != 0 { leaveFlushedFrame(cl) }
                        ci = oci
                        continue newFrame
                    }
                case .return:
                    let b = i.b
                    let first = ci.pointee.base + a
                    if b != 0 { t.top = first + b - 1 }
                    if proto.protoCount > 0 { closeUpvalues(t, from: ci.pointee.base) }
                    if t.body.pointee.hookMask & HookMask.ret != 0 { try callHook(event: .ret) }
                    if proto.softFlags & SoftFlags.flushed != 0 { leaveFlushedFrame(cl) }
                    let fresh = ci.pointee.flags & CallInfo.fresh != 0
                    let wanted = ci.pointee.wanted
                    poscall(t, ci, firstResult: first, count: t.top - first)
                    if fresh { return }
                    let callerIndex = t.body.pointee.ciIndex
                    ci = callerIndex & (callInfoSegmentSize - 1) != callInfoSegmentSize - 1 ? ci - 1 : t.callInfo(callerIndex)
                    if wanted >= 0 { t.top = ci.pointee.top }
                    continue newFrame
                case .forloop:
                    if ra.pointee.tag == .integer {
                        let step = ra[2].integer
                        let idx = R.wrap(ra.pointee.integer &+ step)
                        let limit = ra[1].integer
                        if step > 0 ? idx <= limit : limit <= idx {
                            pc += i.sbx
                            ra.pointee = Value(idx)
                            ra[3] = Value(idx)
                        }
                    } else {
                        let step = ra[2].float
                        let idx = R.round(ra.pointee.float + step)
                        let limit = ra[1].float
                        if step > 0 ? idx <= limit : limit <= idx {
                            pc += i.sbx
                            ra.pointee = Value(idx)
                            ra[3] = Value(idx)
                        }
                    }
                case .forprep:
                    try prepareNumericFor(ra)
                    pc += i.sbx
                case .tforcall:
                    let cb = a + 3
                    base[cb + 2] = base[a + 2]
                    base[cb + 1] = base[a + 1]
                    base[cb] = base[a]
                    let funcIndex = ci.pointee.base + cb
                    t.top = funcIndex + 3
                    if try precall(funcIndex, wanted: i.c) {
                        t.top = ci.pointee.top
                        base = t.stack + ci.pointee.base
                        // A native iterator (gmatch, io.lines, next...) returned: a safe point.
                        if totalBytes >= gcThreshold {
                            try collectIfAllowed()
                            base = t.stack + ci.pointee.base
                        }
                    } else {
                        ci = t.ci
                        continue newFrame
                    }
                case .tforloop:
                    if ra[1].tag != .nil {
                        ra.pointee = ra[1]
                        pc += i.sbx
                    }
                case .setlist:
                    // Compiled code always has a table here, but debug.setlocal or a doctored
                    // binary chunk can put anything in the register.
                    guard ra.pointee.tag == .table else { throw typeError(at: ci.pointee.base + a, "index") }
                    var n = i.b
                    var c = i.c
                    if n == 0 { n = t.top - (ci.pointee.base + a) - 1 }
                    if c == 0 {
                        c = pc.pointee.ax
                        pc += 1
                    }
                    let table = ra.pointee.table
                    var last = (c - 1) * InstructionFormat.fieldsPerFlush + n
                    if last > table.arraySize {
                        try table.resize(arraySize: last, hashSize: table.nodeCount, in: self)
                        base = t.stack + ci.pointee.base
                        ra = base + a
                    }
                    while n > 0 {
                        table.array![last - 1] = ra[n]
                        last -= 1
                        n -= 1
                    }
                    t.top = ci.pointee.top
                case .closure:
                    let child = proto.child(i.bx)
                    // lvm.c getcached: the last closure of `child`, if its upvalues are these.
                    if let c = cachedClosure(child, parent: cl, base: base) {
                        base[a] = Value(c)
                        break
                    }
                    if child.storedTrailerOffset == 0 && imageClosureCache == nil {
                        makeImageClosureCache()
                        base = t.stack + ci.pointee.base
                    }
                    let count = child.upvalueCount
                    let ncl = try newLuaClosure(child, upvalues: count)
                    base = t.stack + ci.pointee.base
                    base[a] = Value(ncl)
                    for u in 0..<count {
                        let index = child.upvalueIndex(u)
                        if child.upvalueInStack(u) {
                            ncl.upvalues[u] = try findUpvalue(ci.pointee.base + index).raw
                        } else {
                            ncl.upvalues[u] = cl.upvalues[index]
                        }
                    }
                    cacheClosure(ncl, of: child)
                    if totalBytes >= gcThreshold {
                        t.top = ci.pointee.base + a + 1
                        try collectIfAllowed()
                        t.top = ci.pointee.top
                        base = t.stack + ci.pointee.base
                    }
                case .vararg:
                    var b = i.b - 1
                    // Fewer arguments than parameters: no varargs (not a negative count).
                    let n = max(0, ci.pointee.base - ci.pointee.function - proto.numParams - 1)
                    if b < 0 {
                        b = n
                        try ensureStack(n)
                        base = t.stack + ci.pointee.base
                        ra = base + a
                        t.top = ci.pointee.base + a + n
                    }
                    var j = 0
                    while j < b && j < n {
                        ra[j] = base[j - n]
                        j += 1
                    }
                    while j < b {
                        ra[j] = .nil
                        j += 1
                    }
                case .extraarg:
                    throw runtimeError("unexpected EXTRAARG")
                }
            }
        }
    }
}
