/// The strings a NodeMCU firmware creates at start and keeps in LFS (ldump.c addFixedStrings,
/// lundump.c LoadAllStrings): llex.c's luaX_tokens, lstring.c's MEMERRMSG, LUA_ENV, then ltm.c's
/// luaT_getstr (event names, then type names), in that order.
enum NodeMCUFixedStrings {
    static let tokens = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        "//", "..", "...", "==", ">=", "<=", "~=", "<<", ">>", "::", "<eof>",
        "<number>", "<integer>", "<name>", "<string>",
    ]
    static let events = [
        "__index", "__newindex", "__gc", "__mode", "__len", "__eq", "__add", "__sub", "__mul", "__mod",
        "__pow", "__div", "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr", "__unm", "__bnot",
        "__lt", "__le", "__concat", "__call",
    ]
    static let typeNames = [
        "no value", "nil", "boolean", "userdata", "number", "string", "table", "function", "userdata",
        "thread", "proto",
    ]

    /// Every fixed string in NodeMCU's order, duplicates included.
    static let all: [[UInt8]] = (tokens + ["not enough memory", "_ENV"] + events + typeNames).map { Array($0.utf8) }

    /// As luac.cross's dump counts them (a set: the first occurrence counts), for the header.
    static let distinct: [[UInt8]] = {
        var seen: Set<[UInt8]> = []
        return all.filter { seen.insert($0).inserted }
    }()

    /// A fixed string's 0-based place among those the chip stores (its first, for "userdata").
    static let chipPosition: [[UInt8]: Int] = {
        var positions: [[UInt8]: Int] = [:]
        for (i, s) in storedByChip.enumerated() where positions[s] == nil { positions[s] = i }
        return positions
    }()

    /// As the chip's loader stores them (addTSnodup skips only the second "nil" and "function",
    /// so the second "userdata" is stored again).
    static let storedByChip: [[UInt8]] = {
        var found: Set<[UInt8]> = []
        return all.filter { s in
            guard s == Array("nil".utf8) || s == Array("function".utf8) else { return true }
            return found.insert(s).inserted
        }
    }()
}
