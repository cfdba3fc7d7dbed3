/// What a Lua error carries through Swift: the error value (any Lua value) and its kind.
/// The value is kept rooted by the state while it travels (see LuaState.errorValue).
public struct LuaError: Error {
    public enum Kind: UInt8, Sendable {
        case runtime
        case memory
        /// An error while running a message handler (xpcall), LUA_ERRERR.
        case handler
        /// Not an error: a coroutine yielding unwinds the Swift stack with this.
        case yield
        case syntax
        /// Not an error: a restart (a successful LFS reload, node.restart) unwinds every Lua and
        /// Swift frame up to the host, which makes a fresh state. No pcall catches it.
        case restart
    }
    public var kind: Kind
    @usableFromInline package var value: Value

    @inlinable package init(_ kind: Kind, _ value: Value) {
        self.kind = kind
        self.value = value
    }
}
