import FlashLuaBytecode

/// A block being compiled (lparser.c BlockCnt).
struct BlockScope {
    var firstLabel: Int
    var firstGoto: Int
    /// Active locals outside the block.
    var activeVariables: Int
    /// Some variable in the block is captured as an upvalue.
    var hasUpvalue = false
    var isLoop: Bool
}

/// A pending goto or a label (lparser.h Labeldesc).
struct LabelDescription {
    var name: [UInt8]
    var pc: Int
    var line: Int
    var activeVariables: Int
}

/// What the function being compiled has so far (lparser.h FuncState).
final class FunctionState {
    var f: FunctionDescription
    let parent: FunctionState?
    // Unowned(unsafe): the compiler outlives every FunctionState it creates (no cycle, no refcount).
    unowned(unsafe) let compiler: Compiler
    var blocks: [BlockScope] = []
    /// Pc of the last jump target.
    var lastTarget = 0
    /// Jumps pending to the current pc.
    var pendingJumps = ExpressionDescription.noJump
    var freeRegister = 0
    var activeVariables = 0
    /// Index of this function's first local in the compiler's active-variable list.
    let firstLocal: Int
    /// NodeMCU's packed line info, fed exactly where lcode.c calls luaK_addlineinfo.
    var lineEncoder = PackedLineInfoEncoder()

    var pc: Int { f.code.count }

    init(f: FunctionDescription, parent: FunctionState?, compiler: Compiler, firstLocal: Int) {
        self.f = f
        self.parent = parent
        self.compiler = compiler
        self.firstLocal = firstLocal
    }
}

/// Key of the chunk-wide constant cache, which (as lua5.3's scanner table) is shared by all the
/// functions of a chunk, so constant tables come out exactly as luac5.3 writes them.
enum ConstantKey: Hashable {
    case string([UInt8])
    case integer(Int64)
    /// Floats with an integral value are keyed as that integer (as table keys are normalized).
    case integralFloat(Int64)
    case float(UInt64)
    case boolean(Bool)
    case `nil`
}
