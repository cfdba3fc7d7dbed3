/// Lua 5.3's instruction set, in lopcodes.h order, so listings and binary chunks match `luac5.3`.
public enum Opcode: UInt8, CaseIterable, Sendable {
    case move = 0
    case loadk, loadkx, loadbool, loadnil, getupval, gettabup, gettable, settabup,
        setupval, settable, newtable, `self`, add, sub, mul, mod, pow, div, idiv, band, bor, bxor,
        shl, shr, unm, bnot, not, len, concat, jmp, eq, lt, le, test, testset, call, tailcall,
        `return`, forloop, forprep, tforcall, tforloop, setlist, closure, vararg, extraarg

    /// The name `luac -l` prints.
    public var name: String {
        switch self {
        case .move: "MOVE"
        case .loadk: "LOADK"
        case .loadkx: "LOADKX"
        case .loadbool: "LOADBOOL"
        case .loadnil: "LOADNIL"
        case .getupval: "GETUPVAL"
        case .gettabup: "GETTABUP"
        case .gettable: "GETTABLE"
        case .settabup: "SETTABUP"
        case .setupval: "SETUPVAL"
        case .settable: "SETTABLE"
        case .newtable: "NEWTABLE"
        case .self: "SELF"
        case .add: "ADD"
        case .sub: "SUB"
        case .mul: "MUL"
        case .mod: "MOD"
        case .pow: "POW"
        case .div: "DIV"
        case .idiv: "IDIV"
        case .band: "BAND"
        case .bor: "BOR"
        case .bxor: "BXOR"
        case .shl: "SHL"
        case .shr: "SHR"
        case .unm: "UNM"
        case .bnot: "BNOT"
        case .not: "NOT"
        case .len: "LEN"
        case .concat: "CONCAT"
        case .jmp: "JMP"
        case .eq: "EQ"
        case .lt: "LT"
        case .le: "LE"
        case .test: "TEST"
        case .testset: "TESTSET"
        case .call: "CALL"
        case .tailcall: "TAILCALL"
        case .return: "RETURN"
        case .forloop: "FORLOOP"
        case .forprep: "FORPREP"
        case .tforcall: "TFORCALL"
        case .tforloop: "TFORLOOP"
        case .setlist: "SETLIST"
        case .closure: "CLOSURE"
        case .vararg: "VARARG"
        case .extraarg: "EXTRAARG"
        }
    }

    /// Operand layout, as lopcodes.c's opmodes table.
    public enum Mode: Sendable { case abc, abx, asbx, ax }

    public var mode: Mode {
        switch self {
        case .loadk, .closure: .abx
        case .loadkx: .abx
        case .jmp, .forloop, .forprep, .tforloop: .asbx
        case .extraarg: .ax
        default: .abc
        }
    }
}

extension Opcode {
    /// How an operand is used (lopcodes.h OpArgMask): not used, used as is, a register, or a
    /// register-or-constant.
    public enum ArgumentUse: Sendable { case unused, used, register, registerOrConstant }

    /// B operand use, as lopcodes.c's opmodes table.
    public var argumentB: ArgumentUse {
        switch self {
        case .move, .gettable, .self, .unm, .bnot, .not, .len, .concat, .jmp, .testset, .forloop,
            .forprep, .tforloop:
            .register
        case .loadk, .settabup, .settable, .add, .sub, .mul, .mod, .pow, .div, .idiv, .band, .bor,
            .bxor, .shl, .shr, .eq, .lt, .le:
            .registerOrConstant
        case .loadkx, .test, .tforcall: .unused
        default: .used
        }
    }

    /// C operand use, as lopcodes.c's opmodes table.
    public var argumentC: ArgumentUse {
        switch self {
        case .loadbool, .newtable, .test, .testset, .call, .tailcall, .tforcall, .setlist, .extraarg:
            .used
        case .gettabup, .gettable, .settabup, .settable, .self, .add, .sub, .mul, .mod, .pow, .div,
            .idiv, .band, .bor, .bxor, .shl, .shr, .eq, .lt, .le:
            .registerOrConstant
        case .concat: .register
        default: .unused
        }
    }
}
