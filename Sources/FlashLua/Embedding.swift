import FlashLuaCore
/// The Swift embedding API: run chunks, call Lua functions with Swift values, expose Swift
/// functions to Lua, and get typed errors with a traceback.

/// A Lua value as Swift sees it. Tables, functions, userdata and threads are references that
/// keep the object alive while the Swift value exists.
public enum LuaValue: Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table(LuaReference)
    case function(LuaReference)
    case userdata(LuaReference)
    case thread(LuaReference)

    public static func == (a: LuaValue, b: LuaValue) -> Bool {
        switch (a, b) {
        case (.nil, .nil): true
        case (.boolean(let x), .boolean(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.table(let x), .table(let y)), (.function(let x), .function(let y)),
            (.userdata(let x), .userdata(let y)), (.thread(let x), .thread(let y)):
            x.value.payload == y.value.payload
        default: false
        }
    }
}

/// Keeps one Lua object alive for Swift; released when the reference goes away.
public final class LuaReference {
    /// Strong: a reference keeps its state alive (no cycle: the state stores values, not these).
    let state: LuaState
    let id: Int
    let value: Value

    init(state: LuaState, value: Value) {
        self.state = state
        self.value = value
        self.id = state.nextReferenceID
        state.nextReferenceID += 1
        state.references[id] = value
    }

    deinit { state.references[id] = nil }
}

/// An error raised by Lua code (or by the runtime) as the embedding API reports it.
public struct LuaScriptError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        case runtime, syntax, memory, errorHandling
        /// Not a failure: the script asked for a restart (a successful `node.LFS.reload`).
        case restartRequested
    }
    public var kind: Kind
    /// The error message ("chunk:3: attempt to call a nil value (global 'f')"); a non-string
    /// error value is described as lua.c does ("(error object is a table value)").
    public var message: String
    /// "stack traceback:\n\t..." at the point of the error, when available.
    public var traceback: String?

    public init(kind: Kind = .runtime, message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }

    public var description: String { traceback.map { message + "\n" + $0 } ?? message }
}

/// A Swift function callable from Lua through the embedding API.
public typealias SwiftFunction = (LuaState, [LuaValue]) throws(LuaScriptError) -> [LuaValue]

extension LuaState {
    // MARK: Running code

    /// Compiles and runs a chunk of Lua source; returns its results.
    @discardableResult
    public func run(_ source: String, chunkName: String = "=(run)") throws(LuaScriptError) -> [LuaValue] {
        let closure: LuaClosure
        do throws(LuaError) {
            closure = try Array(source.utf8).withUnsafeBufferPointer { b throws(LuaError) in
                try load(b, chunkName: Array(chunkName.utf8))
            }
        } catch {
            throw scriptError(error, traceback: nil)
        }
        return try callProtected(Value(closure), [])
    }

    /// Runs a Lua file through the host's file reader.
    @discardableResult
    public func runFile(_ path: String) throws(LuaScriptError) -> [LuaValue] {
        let closure: LuaClosure
        do throws(LuaError) {
            closure = try loadFile(path, mode: Array("bt".utf8), env: nil)
        } catch {
            throw scriptError(error, traceback: nil)
        }
        return try callProtected(Value(closure), [])
    }

    /// Calls a Lua function value with Swift arguments.
    @discardableResult
    public func call(_ function: LuaValue, _ arguments: [LuaValue] = []) throws(LuaScriptError) -> [LuaValue] {
        try callProtected(try toValue(function), arguments)
    }

    /// Calls the global function `name`.
    @discardableResult
    public func call(global name: String, _ arguments: [LuaValue] = []) throws(LuaScriptError) -> [LuaValue] {
        let f = self[global: name]
        if case .nil = f { throw LuaScriptError(message: "attempt to call a nil value (global '\(name)')") }
        return try call(f, arguments)
    }

    /// Reads or writes a global variable.
    public subscript(global name: String) -> LuaValue {
        get {
            guard let key = try? newString(name) else { return .nil }
            return fromValue(rawGet(globals, Value(key)))
        }
        set {
            guard let key = try? newString(name), let v = try? toValue(newValue) else { return }
            try? rawSet(globals, Value(key), v)
        }
    }

    /// Makes a Swift function callable from Lua as the global `name`.
    public func register(_ name: String, _ function: @escaping SwiftFunction) throws(LuaScriptError) {
        do throws(LuaError) {
            let native = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
                var args: [LuaValue] = []
                for i in 1...max(L.argumentCount, 1) where i <= L.argumentCount { args.append(L.fromValue(L.argument(i))) }
                let results: [LuaValue]
                do throws(LuaScriptError) {
                    results = try function(L, args)
                } catch {
                    throw L.nativeError(error.message)
                }
                try L.ensureStack(results.count)
                for r in results { L.push(try L.value(of: r)) }
                return results.count
            })
            try rawSet(globals, Value(try newString(name)), Value(native))
        } catch {
            throw scriptError(error, traceback: nil)
        }
    }

    /// Runs a full garbage collection and finalizers.
    public func collectGarbage() {
        try? collectNow()
    }

    // MARK: Conversions

    func fromValue(_ v: Value) -> LuaValue {
        switch v.tag {
        case .nil, .deadKey, .proto, .upvalue: return .nil
        case .boolean: return .boolean(v.boolean)
        case .integer: return .integer(v.integer)
        case .float: return .number(v.float)
        case .shortString, .longString: return .string(v.string.swiftString)
        case .table: return .table(LuaReference(state: self, value: v))
        case .luaFunction, .nativeFunction: return .function(LuaReference(state: self, value: v))
        case .userdata, .lightUserdata: return .userdata(LuaReference(state: self, value: v))
        case .thread: return .thread(LuaReference(state: self, value: v))
        }
    }

    func toValue(_ v: LuaValue) throws(LuaScriptError) -> Value {
        do { return try value(of: v) } catch { throw scriptError(error, traceback: nil) }
    }

    func value(of v: LuaValue) throws(LuaError) -> Value {
        switch v {
        case .nil: return .nil
        case .boolean(let b): return Value(b)
        // Swift's Int64 and Double enter the state's model as lua_pushinteger and
        // lua_pushnumber would convert them (C casts: wrapped to 32 bits, rounded to float).
        case .integer(let i): return Value(numbers.wrap(i))
        case .number(let d): return Value(numbers.round(d))
        case .string(let s): return Value(try newString(s))
        case .table(let r), .function(let r), .userdata(let r), .thread(let r):
            guard r.state === self else { throw errorWithMessage(Array("value belongs to another Lua state".utf8)) }
            return r.value
        }
    }

    /// Calls f in protected mode with a traceback-collecting message handler.
    func callProtected(_ f: Value, _ arguments: [LuaValue]) throws(LuaScriptError) -> [LuaValue] {
        let savedTop = stackTop
        defer { stackTop = savedTop }
        var failure: LuaError? = nil
        var results: [LuaValue] = []
        do throws(LuaError) {
            try ensureStack(arguments.count + 3)
            let handler = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
                let message = L.argument(1)
                L.lastTraceback = L.traceback(L.current, message: nil, level: 1)
                return try L.returnValues(message)
            })
            let handlerIndex = stackTop
            push(Value(handler))
            let fi = stackTop
            push(f)
            for a in arguments { push(try value(of: a)) }
            lastTraceback = nil
            if let error = try protectedCall(fi, wanted: -1, handler: handlerIndex) {
                failure = error
            } else {
                for i in fi..<stackTop { results.append(fromValue(stackValue(i))) }
            }
        } catch {
            throw scriptError(error, traceback: nil)
        }
        if let failure {
            throw scriptError(failure, traceback: lastTraceback.map { String(decoding: $0, as: UTF8.self) })
        }
        return results
    }

    func scriptError(_ error: LuaError, traceback: String?) -> LuaScriptError {
        let kind: LuaScriptError.Kind
        switch error.kind {
        case .runtime, .yield: kind = .runtime
        case .syntax: kind = .syntax
        case .memory: kind = .memory
        case .handler: kind = .errorHandling
        case .restart: kind = .restartRequested
        }
        let v = error.value
        let message: String
        if v.isString || v.isNumber {
            message = String(decoding: rawToStringBytes(v), as: UTF8.self)
        } else {
            message = "(error object is a \(v.typeName) value)"
        }
        return LuaScriptError(kind: kind, message: message, traceback: traceback)
    }
}
