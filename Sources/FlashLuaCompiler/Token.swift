/// Token codes as llex.h numbers them: single-byte symbols are their byte value, reserved words
/// and multi-byte symbols start at 257 in luaX_tokens order.
typealias Token = Int

enum Tokens {
    static let firstReserved = 257
    static let and = 257, `break` = 258, `do` = 259, `else` = 260, `elseif` = 261, end = 262,
        `false` = 263, `for` = 264, function = 265, goto = 266, `if` = 267, `in` = 268,
        local = 269, `nil` = 270, not = 271, or = 272, `repeat` = 273, `return` = 274, then = 275,
        `true` = 276, until = 277, `while` = 278
    static let idiv = 279, concat = 280, dots = 281, eq = 282, ge = 283, le = 284, ne = 285,
        shl = 286, shr = 287, doubleColon = 288, eos = 289, float = 290, integer = 291, name = 292,
        string = 293

    static let names: [String] = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
        "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        "//", "..", "...", "==", ">=", "<=", "~=", "<<", ">>", "::", "<eof>",
        "<number>", "<integer>", "<name>", "<string>",
    ]
    static let reservedCount = 22

    /// Reserved word lookup: token code for a name, or nil.
    static func reserved(_ name: [UInt8]) -> Token? {
        guard name.count >= 2 && name.count <= 8 else { return nil }
        for i in 0..<reservedCount where names[i].utf8.elementsEqual(name) {
            return firstReserved + i
        }
        return nil
    }

    static func ascii(_ c: Character) -> Token { Int(c.asciiValue!) }
}
