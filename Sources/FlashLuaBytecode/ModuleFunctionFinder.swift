/// Finds which function of a compiled module chunk ends up as field `name` of the module's
/// table, by following the main function's bytecode (softmodule's `dumpfunction` when the module
/// is not loaded). Every way of writing it compiles to the same few instructions, so all are
/// found: `function M.f`, `function M:f`, `M.f = function`, a local function stored later
/// (`M.f = f`), a table constructor (`return { f = f }`), and a global module table
/// (`mymod = {}` ... `function mymod.f`).
///
/// The module table is what the chunk returns, or the global named like the module. The walk is
/// straight-line: registers hold what the last instruction writing them put there, which is
/// exact for the top level of a module (definitions in sequence) and errs towards "unknown".
public enum ModuleFunctionFinder {
    public enum Failure: Error, Equatable {
        /// Nothing is stored under that name in the module table.
        case notFound
        /// Something other than a function defined in this chunk is stored there (a call's
        /// result, another module's function, a number).
        case notAFunction
        /// Different functions are stored under that name (e.g. in two branches of an `if`).
        case ambiguous
    }

    enum Known: Equatable {
        case unknown
        /// CLOSURE of the main function's child n.
        case function(Int)
        /// The table made by the NEWTABLE at this pc.
        case table(Int)
        /// A global's value read before the chunk assigned it.
        case global([UInt8])
        case string([UInt8])
    }

    struct Store {
        var table: Known
        var key: [UInt8]
        var value: Known
    }

    /// The index in `main.protos` of the function stored as `field` of the module `moduleName`.
    public static func find(field: [UInt8], moduleName: [UInt8], in main: FunctionDescription) throws(Failure) -> Int {
        // Room for any operand the encoding can hold (B and C are 9 bits), so even bytecode that
        // was not verified cannot index past it.
        var registers = [Known](repeating: .unknown, count: 512)
        var globals: [([UInt8], Known)] = []
        var stores: [Store] = []
        var returned: Known = .unknown
        // The main function's _ENV is its only upvalue; bytecode of other shapes has no globals.
        let env = main.upvalues.firstIndex { $0.name.map { Array("_ENV".utf8) == $0 } ?? false } ?? 0

        func constant(_ k: Int) -> Known {
            if k < main.constants.count, case .string(let s) = main.constants[k] { return .string(s) }
            return .unknown
        }
        func rk(_ x: Int) -> Known { Instruction.isConstant(x) ? constant(Instruction.constantIndex(x)) : registers[x] }
        func global(_ name: [UInt8]) -> Known { globals.last { $0.0 == name }?.1 ?? .global(name) }
        func clear(from a: Int, to b: Int = 255) {
            var r = a
            while r <= min(b, 511) {
                registers[r] = .unknown
                r += 1
            }
        }

        var pc = 0
        while pc < main.code.count {
            let i = main.code[pc]
            let a = i.a
            switch i.opcode {
            case .move?: registers[a] = registers[i.b]
            case .loadk?: registers[a] = constant(i.bx)
            case .loadkx?:
                registers[a] = pc + 1 < main.code.count ? constant(main.code[pc + 1].ax) : .unknown
                pc += 1
            case .loadnil?: clear(from: a, to: a + i.b)
            case .gettabup?:
                if i.b == env, case .string(let name) = rk(i.c) { registers[a] = global(name) } else { registers[a] = .unknown }
            case .settabup?:
                if a == env, case .string(let name) = rk(i.b) { globals.append((name, rk(i.c))) }
            case .settable?:
                if case .string(let key) = rk(i.b) { stores.append(Store(table: registers[a], key: key, value: rk(i.c))) }
            case .newtable?: registers[a] = .table(pc)
            case .self?:
                registers[a + 1] = registers[i.b]
                registers[a] = .unknown
            case .closure?: registers[a] = .function(i.bx)
            case .call?, .tailcall?, .vararg?: clear(from: a)
            case .forloop?, .forprep?: clear(from: a, to: a + 3)
            case .tforcall?: clear(from: a + 3, to: a + 2 + i.c)
            case .return?:
                if i.b == 2 && returned == .unknown { returned = registers[a] }
            default:  // arithmetic, GETTABLE, GETUPVAL, TESTSET, ... (and invalid opcodes)
                if i.opcode?.setsA ?? true { registers[a] = .unknown }
            }
            pc += 1
        }

        var modules: [Known] = []
        if case .table = returned { modules.append(returned) }
        if case .global = returned { modules.append(returned) }
        let named = global(moduleName)
        if named != .unknown && !modules.contains(named) { modules.append(named) }
        if case .table = named {} else if !modules.contains(.global(moduleName)) { modules.append(.global(moduleName)) }

        var found: Known? = nil
        for s in stores where s.key == field && modules.contains(s.table) {
            guard case .function = s.value else { throw .notAFunction }
            if let f = found, f != s.value { throw .ambiguous }
            found = s.value
        }
        guard case .function(let index)? = found else { throw .notFound }
        return index
    }
}
