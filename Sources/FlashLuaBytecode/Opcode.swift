/// Lua 5.3's instruction set, in lopcodes.h order, so listings and binary chunks match `luac5.3`.
public enum Opcode: UInt8, CaseIterable, Sendable {
    case move = 0
    case loadk, loadkx, loadbool, loadnil, getupval, gettabup, gettable, settabup,
        setupval, settable, newtable, `self`, add, sub, mul, mod, pow, div, idiv, band, bor, bxor,
        shl, shr, unm, bnot, not, len, concat, jmp, eq, lt, le, test, testset, call, tailcall,
        `return`, forloop, forprep, tforcall, tforloop, setlist, closure, vararg, extraarg

    /// Everything about this opcode, as one row of the table below (aligned by hand: one
    /// column per fact, so the rows read as lopcodes.c's table).
    // swift-format-ignore
    public var spec: OpcodeSpec {
        // lopcodes.c's opmodes table (T = test, A = sets A, B and C use, mode) with the names of
        // luaP_opnames; the properties below, and every user of them, derive from these rows.
        switch self {
        case .move:      .init("MOVE",     test: false, setsA: true,  b: .register,           c: .unused,             .abc)
        case .loadk:     .init("LOADK",    test: false, setsA: true,  b: .registerOrConstant, c: .unused,             .abx)
        case .loadkx:    .init("LOADKX",   test: false, setsA: true,  b: .unused,             c: .unused,             .abx)
        case .loadbool:  .init("LOADBOOL", test: false, setsA: true,  b: .used,               c: .used,               .abc)
        case .loadnil:   .init("LOADNIL",  test: false, setsA: true,  b: .used,               c: .unused,             .abc)
        case .getupval:  .init("GETUPVAL", test: false, setsA: true,  b: .used,               c: .unused,             .abc)
        case .gettabup:  .init("GETTABUP", test: false, setsA: true,  b: .used,               c: .registerOrConstant, .abc)
        case .gettable:  .init("GETTABLE", test: false, setsA: true,  b: .register,           c: .registerOrConstant, .abc)
        case .settabup:  .init("SETTABUP", test: false, setsA: false, b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .setupval:  .init("SETUPVAL", test: false, setsA: false, b: .used,               c: .unused,             .abc)
        case .settable:  .init("SETTABLE", test: false, setsA: false, b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .newtable:  .init("NEWTABLE", test: false, setsA: true,  b: .used,               c: .used,               .abc)
        case .self:      .init("SELF",     test: false, setsA: true,  b: .register,           c: .registerOrConstant, .abc)
        case .add:       .init("ADD",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .sub:       .init("SUB",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .mul:       .init("MUL",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .mod:       .init("MOD",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .pow:       .init("POW",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .div:       .init("DIV",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .idiv:      .init("IDIV",     test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .band:      .init("BAND",     test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .bor:       .init("BOR",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .bxor:      .init("BXOR",     test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .shl:       .init("SHL",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .shr:       .init("SHR",      test: false, setsA: true,  b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .unm:       .init("UNM",      test: false, setsA: true,  b: .register,           c: .unused,             .abc)
        case .bnot:      .init("BNOT",     test: false, setsA: true,  b: .register,           c: .unused,             .abc)
        case .not:       .init("NOT",      test: false, setsA: true,  b: .register,           c: .unused,             .abc)
        case .len:       .init("LEN",      test: false, setsA: true,  b: .register,           c: .unused,             .abc)
        case .concat:    .init("CONCAT",   test: false, setsA: true,  b: .register,           c: .register,           .abc)
        case .jmp:       .init("JMP",      test: false, setsA: false, b: .register,           c: .unused,             .asbx)
        case .eq:        .init("EQ",       test: true,  setsA: false, b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .lt:        .init("LT",       test: true,  setsA: false, b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .le:        .init("LE",       test: true,  setsA: false, b: .registerOrConstant, c: .registerOrConstant, .abc)
        case .test:      .init("TEST",     test: true,  setsA: false, b: .unused,             c: .used,               .abc)
        case .testset:   .init("TESTSET",  test: true,  setsA: true,  b: .register,           c: .used,               .abc)
        case .call:      .init("CALL",     test: false, setsA: true,  b: .used,               c: .used,               .abc)
        case .tailcall:  .init("TAILCALL", test: false, setsA: true,  b: .used,               c: .used,               .abc)
        case .return:    .init("RETURN",   test: false, setsA: false, b: .used,               c: .unused,             .abc)
        case .forloop:   .init("FORLOOP",  test: false, setsA: true,  b: .register,           c: .unused,             .asbx)
        case .forprep:   .init("FORPREP",  test: false, setsA: true,  b: .register,           c: .unused,             .asbx)
        case .tforcall:  .init("TFORCALL", test: false, setsA: false, b: .unused,             c: .used,               .abc)
        case .tforloop:  .init("TFORLOOP", test: false, setsA: true,  b: .register,           c: .unused,             .asbx)
        case .setlist:   .init("SETLIST",  test: false, setsA: false, b: .used,               c: .used,               .abc)
        case .closure:   .init("CLOSURE",  test: false, setsA: true,  b: .used,               c: .unused,             .abx)
        case .vararg:    .init("VARARG",   test: false, setsA: true,  b: .used,               c: .unused,             .abc)
        case .extraarg:  .init("EXTRAARG", test: false, setsA: false, b: .used,               c: .used,               .ax)
        }
    }

    /// The name `luac -l` prints.
    public var name: String { spec.name }
    /// Operand layout.
    public var mode: Mode { spec.mode }
    /// How operand B is used (for `abx` opcodes: Bx, a constant index or a plain number).
    public var argumentB: ArgumentUse { spec.argumentB }
    /// How operand C is used.
    public var argumentC: ArgumentUse { spec.argumentC }
    /// Writes register A (lopcodes.c testAMode): what "the instruction that last set this
    /// register" (debug names, the module function finder) looks for.
    public var setsA: Bool { spec.setsA }
    /// Is followed by a JMP that it may skip (lopcodes.c testTMode).
    public var isTest: Bool { spec.isTest }
    /// Jumps by its sBx operand (JMP, FORLOOP, FORPREP, TFORLOOP): in 5.3 exactly the `asbx` mode.
    public var jumpsBySBx: Bool { spec.mode == .asbx }

    /// Operand layout, as lopcodes.c's opmodes table.
    public enum Mode: Sendable { case abc, abx, asbx, ax }

    /// How an operand is used (lopcodes.h OpArgMask): not used, used as is, a register, or a
    /// register-or-constant.
    public enum ArgumentUse: Sendable { case unused, used, register, registerOrConstant }
}

/// The facts about one opcode that the compiler, verifier, listing, debug names and module
/// function finder share. The VM uses none of them: it knows each opcode by its case.
public struct OpcodeSpec: Sendable {
    public let name: String
    public let isTest: Bool
    public let setsA: Bool
    public let argumentB: Opcode.ArgumentUse
    public let argumentC: Opcode.ArgumentUse
    public let mode: Opcode.Mode

    init(_ name: String, test: Bool, setsA: Bool, b: Opcode.ArgumentUse, c: Opcode.ArgumentUse, _ mode: Opcode.Mode) {
        (self.name, self.isTest, self.setsA, self.argumentB, self.argumentC, self.mode) = (name, test, setsA, b, c, mode)
    }
}

extension Instruction {
    /// Takes "all values up to top" instead of a count (lopcodes.h's notes: B = 0 in CALL,
    /// TAILCALL, RETURN and SETLIST).
    public var usesTop: Bool {
        switch opcode {
        case .call?, .tailcall?, .return?, .setlist?: b == 0
        default: false
        }
    }

    /// Leaves top just past its results, for a `usesTop` instruction after it (C = 0 in CALL,
    /// B = 0 in VARARG; TAILCALL always, for when what it calls is native).
    public var setsTop: Bool {
        switch opcode {
        case .call?: c == 0
        case .vararg?: b == 0
        case .tailcall?: true
        default: false
        }
    }
}
