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
    @usableFromInline package var payload: UInt64
    package var tag: ValueTag

    @inline(__always) package init(tag: ValueTag, payload: UInt64) {
        self.tag = tag
        self.payload = payload
    }

    public static let `nil` = Value(tag: .nil, payload: 0)
    public static let `true` = Value(tag: .boolean, payload: 1)
    public static let `false` = Value(tag: .boolean, payload: 0)

    @inline(__always) public init(_ b: Bool) { self.init(tag: .boolean, payload: b ? 1 : 0) }
    @inline(__always) public init(_ i: Int64) { self.init(tag: .integer, payload: UInt64(bitPattern: i)) }
    @inline(__always) public init(_ i: Int) { self.init(tag: .integer, payload: UInt64(bitPattern: Int64(i))) }
    @inline(__always) public init(_ d: Double) { self.init(tag: .float, payload: d.bitPattern) }
    @inline(__always) package init(object: UnsafeMutableRawPointer, tag: ValueTag) {
        self.init(tag: tag, payload: UInt64(UInt(bitPattern: object)))
    }

    @inline(__always) public var isNil: Bool { tag == .nil }
    /// Only nil and false are false.
    @inline(__always) public var isFalsy: Bool { tag == .nil || (tag == .boolean && payload == 0) }
    @inline(__always) package var isInteger: Bool { tag == .integer }
    @inline(__always) package var isFloat: Bool { tag == .float }
    @inline(__always) package var isNumber: Bool { tag == .integer || tag == .float }
    @inline(__always) package var isString: Bool { tag == .shortString || tag == .longString }
    @inline(__always) package var isTable: Bool { tag == .table }
    @inline(__always) package var isFunction: Bool { tag == .luaFunction || tag == .nativeFunction }
    @inline(__always) package var isObject: Bool {
        tag.rawValue >= ValueTag.shortString.rawValue && tag.rawValue <= ValueTag.thread.rawValue
    }

    @inline(__always) package var integer: Int64 { Int64(bitPattern: payload) }
    @inline(__always) package var float: Double { Double(bitPattern: payload) }
    @inline(__always) package var boolean: Bool { payload != 0 }
    @inlinable package var object: UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: UInt(payload)).unsafelyUnwrapped
    }
    @inline(__always) package var string: LuaString { LuaString(object) }
    @inline(__always) package var table: LuaTable { LuaTable(object) }
    @inline(__always) package var luaClosure: LuaClosure { LuaClosure(object) }
    @inlinable @inline(__always) package var nativeClosure: NativeClosure { NativeClosure(object) }
    @inline(__always) package var thread: LuaThread { LuaThread(object) }
    @inline(__always) package var userdata: Userdata { Userdata(object) }

    @inline(__always) package init(_ s: LuaString) {
        self.init(object: s.raw, tag: s.isShort ? .shortString : .longString)
    }
    @inline(__always) package init(_ t: LuaTable) { self.init(object: t.raw, tag: .table) }
    @inline(__always) package init(_ c: LuaClosure) { self.init(object: c.raw, tag: .luaFunction) }
    @inline(__always) package init(_ c: NativeClosure) { self.init(object: c.raw, tag: .nativeFunction) }
    @inline(__always) package init(_ t: LuaThread) { self.init(object: t.raw, tag: .thread) }
    @inline(__always) package init(_ u: Userdata) { self.init(object: u.raw, tag: .userdata) }

    /// Number as a float (integers converted); nil if not a number.
    package var asFloat: Double? {
        if tag == .float { return float }
        if tag == .integer { return Double(integer) }
        return nil
    }

    /// Primitive equality (rawequal): no metamethods, no string coercion, 1 == 1.0.
    package func rawEquals(_ other: Value) -> Bool {
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
    package var typeName: StaticString {
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
package func exactIntegerEqual(_ i: Int64, _ f: Double) -> Bool {
    guard let fi = Int64(exactly: f) else { return false }
    return fi == i
}
