/// The type tag of a Lua value. Strings, tables, functions, userdata and threads are objects;
/// the rest live inside the value itself.
public enum ValueTag: UInt8, Sendable {
    case `nil` = 0
    case boolean
    case lightUserdata
    case integer
    case float
    case shortString
    case longString
    case table
    case luaFunction
    case nativeFunction
    case userdata
    case thread
    /// Internal only: the "empty" marker of a table slot whose key was removed (never seen by Lua).
    case deadKey
    /// Internal object kinds that never appear in a Value seen by Lua.
    case proto
    case upvalue
}

/// A Lua value: a tag and 64 bits of payload (integer bits, float bits, boolean, or an object
/// address). A plain trivial struct: copying it costs no reference counting.
public struct Value: Sendable {
    var payload: UInt64
    var tag: ValueTag

    init(tag: ValueTag, payload: UInt64) {
        self.tag = tag
        self.payload = payload
    }

    public static let `nil` = Value(tag: .nil, payload: 0)
    public static let `true` = Value(tag: .boolean, payload: 1)
    public static let `false` = Value(tag: .boolean, payload: 0)

    public init(_ b: Bool) { self.init(tag: .boolean, payload: b ? 1 : 0) }
    public init(_ i: Int64) { self.init(tag: .integer, payload: UInt64(bitPattern: i)) }
    public init(_ i: Int) { self.init(tag: .integer, payload: UInt64(bitPattern: Int64(i))) }
    public init(_ d: Double) { self.init(tag: .float, payload: d.bitPattern) }
    init(object: UnsafeMutableRawPointer, tag: ValueTag) {
        self.init(tag: tag, payload: UInt64(UInt(bitPattern: object)))
    }

    public var isNil: Bool { tag == .nil }
    /// Only nil and false are false.
    public var isFalsy: Bool { tag == .nil || (tag == .boolean && payload == 0) }
    var isInteger: Bool { tag == .integer }
    var isFloat: Bool { tag == .float }
    var isNumber: Bool { tag == .integer || tag == .float }
    var isString: Bool { tag == .shortString || tag == .longString }
    var isTable: Bool { tag == .table }
    var isFunction: Bool { tag == .luaFunction || tag == .nativeFunction }
    var isObject: Bool { tag.rawValue >= ValueTag.shortString.rawValue && tag.rawValue <= ValueTag.thread.rawValue }

    var integer: Int64 { Int64(bitPattern: payload) }
    var float: Double { Double(bitPattern: payload) }
    var boolean: Bool { payload != 0 }
    var object: UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: UInt(payload)).unsafelyUnwrapped
    }
    var string: LuaString { LuaString(object) }
    var table: LuaTable { LuaTable(object) }
    var luaClosure: LuaClosure { LuaClosure(object) }
    var nativeClosure: NativeClosure { NativeClosure(object) }
    var thread: LuaThread { LuaThread(object) }
    var userdata: Userdata { Userdata(object) }

    init(_ s: LuaString) {
        self.init(object: s.raw, tag: s.isShort ? .shortString : .longString)
    }
    init(_ t: LuaTable) { self.init(object: t.raw, tag: .table) }
    init(_ c: LuaClosure) { self.init(object: c.raw, tag: .luaFunction) }
    init(_ c: NativeClosure) { self.init(object: c.raw, tag: .nativeFunction) }
    init(_ t: LuaThread) { self.init(object: t.raw, tag: .thread) }
    init(_ u: Userdata) { self.init(object: u.raw, tag: .userdata) }

    /// Number as a float (integers converted); nil if not a number.
    var asFloat: Double? {
        if tag == .float { return float }
        if tag == .integer { return Double(integer) }
        return nil
    }

    /// Primitive equality (rawequal): no metamethods, no string coercion, 1 == 1.0.
    func rawEquals(_ other: Value) -> Bool {
        if tag == other.tag {
            switch tag {
            case .nil: return true
            case .float: return float == other.float
            case .longString: return LuaString.equalLong(string, other.string)
            default: return payload == other.payload
            }
        }
        if tag == .integer && other.tag == .float { return Double(integer) == other.float && exactIntegerEqual(integer, other.float) }
        if tag == .float && other.tag == .integer { return Double(other.integer) == float && exactIntegerEqual(other.integer, float) }
        return false
    }

    /// Type name as `type()` returns it.
    var typeName: StaticString {
        switch tag {
        case .nil: "nil"
        case .boolean: "boolean"
        case .lightUserdata, .userdata: "userdata"
        case .integer, .float: "number"
        case .shortString, .longString: "string"
        case .table: "table"
        case .luaFunction, .nativeFunction: "function"
        case .thread: "thread"
        case .deadKey, .proto, .upvalue: "no value"
        }
    }
}

/// True when the integer i and the float f denote the same mathematical number.
func exactIntegerEqual(_ i: Int64, _ f: Double) -> Bool {
    guard let fi = Int64(exactly: f) else { return false }
    return fi == i
}
