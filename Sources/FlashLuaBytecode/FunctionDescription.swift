/// A compiled function as plain Swift values: what the compiler produces, what binary chunks and
/// LFS images serialize, and what the runtime lays out (on its heap or in an image) to execute.
/// It mirrors PUC-Rio Lua 5.3's `Proto`, field for field.
public struct FunctionDescription: Sendable, Equatable {
    /// Chunk source name as given to `load` ("@file.lua", "=stdin", or the text itself); nil when stripped.
    public var source: [UInt8]?
    public var lineDefined: Int32 = 0
    public var lastLineDefined: Int32 = 0
    public var numParams: UInt8 = 0
    public var isVararg: Bool = false
    public var maxStackSize: UInt8 = 2
    public var code: [Instruction] = []
    public var constants: [Constant] = []
    public var upvalues: [UpvalueDescription] = []
    public var protos: [FunctionDescription] = []
    /// Source line of each instruction (same count as `code`), empty when stripped.
    public var lineInfo: [Int32] = []
    public var localVariables: [LocalVariableDescription] = []
    /// NodeMCU's packed line info (lcode.c luaK_addlineinfo) as the compiler built it, with its
    /// terminating 0; nil for functions from elsewhere (NodeMCU writers then pack `lineInfo`).
    /// Not part of equality: it encodes `lineInfo`, which is compared.
    public var packedLineInfo: [UInt8]? = nil

    public init(source: [UInt8]? = nil) { self.source = source }

    public static func == (lhs: FunctionDescription, rhs: FunctionDescription) -> Bool {
        lhs.source == rhs.source && lhs.lineDefined == rhs.lineDefined
            && lhs.lastLineDefined == rhs.lastLineDefined && lhs.numParams == rhs.numParams
            && lhs.isVararg == rhs.isVararg && lhs.maxStackSize == rhs.maxStackSize
            && lhs.code == rhs.code && lhs.constants == rhs.constants && lhs.upvalues == rhs.upvalues
            && lhs.protos == rhs.protos && lhs.lineInfo == rhs.lineInfo
            && lhs.localVariables == rhs.localVariables
    }
}

/// A constant of a function's constant table. Integers and floats are distinct (1 vs 1.0).
public enum Constant: Sendable, Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string([UInt8])

    /// Equality as the constant table sees it: floats compare by bit pattern so NaN and -0.0 stay apart.
    public static func == (lhs: Constant, rhs: Constant) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): true
        case (.boolean(let a), .boolean(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)): a == b
        default: false
        }
    }
}

public struct UpvalueDescription: Sendable, Equatable {
    /// Upvalue name for debug info; nil when stripped.
    public var name: [UInt8]?
    /// True: captures a local (register `index`) of the enclosing function; false: the enclosing
    /// function's upvalue `index`.
    public var inStack: Bool
    public var index: UInt8

    public init(name: [UInt8]?, inStack: Bool, index: UInt8) {
        self.name = name
        self.inStack = inStack
        self.index = index
    }
}

public struct LocalVariableDescription: Sendable, Equatable {
    public var name: [UInt8]
    /// First instruction where the variable is active (0-based pc).
    public var startPC: Int32
    /// First instruction where the variable is dead.
    public var endPC: Int32

    public init(name: [UInt8], startPC: Int32, endPC: Int32) {
        self.name = name
        self.startPC = startPC
        self.endPC = endPC
    }
}

extension FunctionDescription {
    /// The same function without debug information (luac -s): no source name, line numbers,
    /// local variable or upvalue names, in this function and all nested ones.
    public func stripped() -> FunctionDescription {
        var f = self
        f.source = nil
        f.lineInfo = []
        f.packedLineInfo = nil
        f.localVariables = []
        for i in f.upvalues.indices { f.upvalues[i].name = nil }
        f.protos = f.protos.map { $0.stripped() }
        return f
    }
}
