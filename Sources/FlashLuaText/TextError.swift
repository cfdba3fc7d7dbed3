/// An error of a text algorithm, worded as lua5.3 words it. `argument` 0 means a plain error
/// (luaL_error: the runtime prefixes the caller's position); n > 0 means luaL_argerror(n, message)
/// ("bad argument #n to 'f' (message)").
public struct TextError: Error, Equatable {
    public var message: String
    public var argument: Int

    public init(_ message: String, argument: Int = 0) {
        self.message = message
        self.argument = argument
    }
}

/// A byte as luaO_pushfstring's "%c" shows it: printable bytes as themselves, others as "<\N>".
func describeByte(_ c: UInt8) -> String {
    if c >= 0x20 && c < 0x7F { return String(decoding: [c], as: UTF8.self) }
    return "<\\\(c)>"
}
