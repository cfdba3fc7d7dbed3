import FlashLuaText

/// A human-readable listing of a compiled function and its nested functions, in the format of
/// `luac5.3 -l` (`full`: `-l -l`, adding constants, locals and upvalues). Addresses are printed
/// as the function's position in the tree (`0x1`, `0x2`, ...) since there is no heap object yet.
public func listing(_ main: FunctionDescription, full: Bool = false) -> String {
    var printer = ListingPrinter(full: full)
    printer.printFunction(main)
    return printer.output
}

private struct ListingPrinter {
    let full: Bool
    var output = ""
    var nextAddress = 0

    init(full: Bool) { self.full = full }

    mutating func address() -> String {
        nextAddress += 1
        return "0x" + String(nextAddress, radix: 16)
    }

    mutating func printFunction(_ f: FunctionDescription) {
        let me = address()
        // Children get addresses in order after their parent, as luac prints them for CLOSURE.
        var childAddresses: [String] = []
        var counter = nextAddress
        for child in f.protos {
            counter += 1
            childAddresses.append("0x" + String(counter, radix: 16))
            counter += descendantCount(child)
        }
        printHeader(f, address: me)
        printCode(f, childAddresses: childAddresses)
        if full { printDebug(f, address: me) }
        for child in f.protos { printFunction(child) }
    }

    func descendantCount(_ f: FunctionDescription) -> Int {
        f.protos.reduce(0) { $0 + 1 + descendantCount($1) }
    }

    static func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

    mutating func printHeader(_ f: FunctionDescription, address: String) {
        var name = "=?"
        if let source = f.source {
            if let first = source.first, first == UInt8(ascii: "@") || first == UInt8(ascii: "=") {
                name = String(decoding: source.dropFirst(), as: UTF8.self)
            } else if source.first == 0x1B {
                name = "(bstring)"
            } else {
                name = "(string)"
            }
        } else {
            name = "?"
        }
        let p = Self.plural
        output += "\n\(f.lineDefined == 0 ? "main" : "function") <\(name):\(f.lineDefined),\(f.lastLineDefined)> "
        output += "(\(f.code.count) instruction\(p(f.code.count)) at \(address))\n"
        output += "\(f.numParams)\(f.isVararg ? "+" : "") param\(p(Int(f.numParams))), "
        output += "\(f.maxStackSize) slot\(p(Int(f.maxStackSize))), \(f.upvalues.count) upvalue\(p(f.upvalues.count)), "
        output += "\(f.localVariables.count) local\(p(f.localVariables.count)), "
        output += "\(f.constants.count) constant\(p(f.constants.count)), \(f.protos.count) function\(p(f.protos.count))\n"
    }

    func upvalueName(_ f: FunctionDescription, _ index: Int) -> String {
        guard index < f.upvalues.count, let name = f.upvalues[index].name else { return "-" }
        return String(decoding: name, as: UTF8.self)
    }

    func constantText(_ f: FunctionDescription, _ index: Int) -> String {
        guard index < f.constants.count else { return "?" }
        return Self.constantText(f.constants[index])
    }

    static func constantText(_ k: Constant) -> String {
        switch k {
        case .nil: return "nil"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let d):
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NumberText.capacity) { buffer in
                let n = NumberText.format(float: d, into: buffer.baseAddress!)
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
            }
        case .string(let s): return quoted(s)
        }
    }

    static func quoted(_ s: [UInt8]) -> String {
        var out = "\""
        for c in s {
            switch c {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 7: out += "\\a"
            case 8: out += "\\b"
            case 12: out += "\\f"
            case 10: out += "\\n"
            case 13: out += "\\r"
            case 9: out += "\\t"
            case 11: out += "\\v"
            case 0x20...0x7E: out += String(UnicodeScalar(c))
            default:
                let digits = String(c)
                out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return out + "\""
    }

    mutating func printCode(_ f: FunctionDescription, childAddresses: [String]) {
        var pc = 0
        while pc < f.code.count {
            let i = f.code[pc]
            let line = pc < f.lineInfo.count ? Int(f.lineInfo[pc]) : 0
            output += "\t\(pc + 1)\t" + (line > 0 ? "[\(line)]\t" : "[-]\t")
            guard let op = i.opcode else {
                output += "?\n"
                pc += 1
                continue
            }
            var name = op.name
            while name.utf8.count < 9 { name += " " }
            output += name + "\t"
            let a = i.a
            let b = i.b
            let c = i.c
            let bx = i.bx
            let sbx = i.sbx
            func rk(_ x: Int) -> Int { Instruction.isConstant(x) ? -1 - Instruction.constantIndex(x) : x }
            switch op.mode {
            case .abc:
                output += "\(a)"
                if op.argumentB != .unused { output += " \(rk(b))" }
                if op.argumentC != .unused { output += " \(rk(c))" }
            case .abx:
                output += "\(a)"
                if op.argumentB == .registerOrConstant { output += " \(-1 - bx)" }
                if op.argumentB == .used { output += " \(bx)" }
            case .asbx:
                output += "\(a) \(sbx)"
            case .ax:
                output += "\(-1 - i.ax)"
            }
            func kText(_ x: Int) -> String {
                Instruction.isConstant(x) ? constantText(f, Instruction.constantIndex(x)) : "-"
            }
            switch op {
            case .loadk: output += "\t; " + constantText(f, bx)
            case .getupval, .setupval: output += "\t; " + upvalueName(f, b)
            case .gettabup:
                output += "\t; " + upvalueName(f, b)
                if Instruction.isConstant(c) { output += " " + kText(c) }
            case .settabup:
                output += "\t; " + upvalueName(f, a)
                if Instruction.isConstant(b) { output += " " + kText(b) }
                if Instruction.isConstant(c) { output += " " + kText(c) }
            case .gettable, .self:
                if Instruction.isConstant(c) { output += "\t; " + kText(c) }
            case _ where op.argumentB == .registerOrConstant && op.argumentC == .registerOrConstant:
                if Instruction.isConstant(b) || Instruction.isConstant(c) {
                    output += "\t; " + kText(b) + " " + kText(c)
                }
            case _ where op.jumpsBySBx: output += "\t; to \(sbx + pc + 2)"
            case .closure: output += "\t; " + (bx < childAddresses.count ? childAddresses[bx] : "?")
            case .setlist:
                if c == 0 {
                    pc += 1
                    output += "\t; \(pc < f.code.count ? Int(f.code[pc]) : 0)"
                } else {
                    output += "\t; \(c)"
                }
            case .extraarg: output += "\t; " + constantText(f, i.ax)
            default: break
            }
            output += "\n"
            pc += 1
        }
    }

    mutating func printDebug(_ f: FunctionDescription, address: String) {
        output += "constants (\(f.constants.count)) for \(address):\n"
        for (n, k) in f.constants.enumerated() { output += "\t\(n + 1)\t" + Self.constantText(k) + "\n" }
        output += "locals (\(f.localVariables.count)) for \(address):\n"
        for (n, v) in f.localVariables.enumerated() {
            output += "\t\(n)\t\(String(decoding: v.name, as: UTF8.self))\t\(v.startPC + 1)\t\(v.endPC + 1)\n"
        }
        output += "upvalues (\(f.upvalues.count)) for \(address):\n"
        for (n, u) in f.upvalues.enumerated() {
            output += "\t\(n)\t\(upvalueName(f, n))\t\(u.inStack ? 1 : 0)\t\(u.index)\n"
        }
    }
}
