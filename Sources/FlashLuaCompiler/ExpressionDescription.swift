/// Kinds of expression descriptors (lparser.h expkind).
enum ExpressionKind: Equatable {
    /// Empty expression list, or no value.
    case void
    case `nil`, `true`, `false`
    /// Constant in the constant table; `info` is its index.
    case constant
    case float, integer
    /// Value in a fixed register `info`.
    case nonRelocatable
    /// Local variable in register `info`.
    case local
    /// Upvalue `info`.
    case upvalue
    /// Table `indexedTable` (register or upvalue per `indexedTableKind`) indexed by R/K `indexedKey`.
    case indexed
    /// Comparison; `info` is the pc of its jump.
    case jump
    /// Instruction at pc `info` can put its result in any register.
    case relocatable
    /// Open call at pc `info`.
    case call
    /// Vararg instruction at pc `info`.
    case vararg

    var isVariable: Bool { self == .local || self == .upvalue || self == .indexed }
    var hasMultipleResults: Bool { self == .call || self == .vararg }
}

/// An expression being compiled (lparser.h expdesc).
struct ExpressionDescription {
    static let noJump = -1

    var kind: ExpressionKind
    var info: Int = 0
    var integerValue: Int64 = 0
    var floatValue: Double = 0
    var indexedTable = 0
    var indexedKey = 0
    var indexedTableKind: ExpressionKind = .local
    /// Patch list of "exit when true".
    var trueList = noJump
    /// Patch list of "exit when false".
    var falseList = noJump

    init(_ kind: ExpressionKind, _ info: Int = 0) {
        self.kind = kind
        self.info = info
    }

    var hasJumps: Bool { trueList != falseList }
}
