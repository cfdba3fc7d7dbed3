import FlashLuaBytecode
import FlashLuaText

/// The scanner (llex.c): turns source bytes into tokens, with lua5.3's error messages.
struct Lexer {
    static let endOfInput = -1

    let source: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Current character, or `endOfInput`.
    var current: Int
    var lineNumber = 1
    /// Line of the last token consumed (what instructions are attributed to).
    var lastLine = 1
    var token: Token = 0
    var tokenString: [UInt8] = []
    var tokenInteger: Int64 = 0
    var tokenFloat: Double = 0
    var lookahead: Token = Tokens.eos
    var lookaheadString: [UInt8] = []
    var lookaheadInteger: Int64 = 0
    var lookaheadFloat: Double = 0
    var hasLookahead = false
    /// Bytes of the token being read (for "near" in error messages).
    var buffer: [UInt8] = []
    /// The chunk name as given to load ("@file", "=stdin", or text).
    let chunkName: [UInt8]
    /// The target's number model: how numerals are read.
    let numbers: NumberModel

    init(source: UnsafeBufferPointer<UInt8>, chunkName: [UInt8], numbers: NumberModel = .int64Double) {
        self.source = source
        self.chunkName = chunkName
        self.numbers = numbers
        current = source.count > 0 ? Int(source[0]) : Lexer.endOfInput
        position = source.count > 0 ? 1 : 0
    }

    // MARK: Characters

    @inline(__always) mutating func advance() {
        if position < source.count {
            current = Int(source[position])
            position += 1
        } else {
            current = Lexer.endOfInput
        }
    }

    @inline(__always) mutating func save(_ c: Int) { buffer.append(UInt8(truncatingIfNeeded: c)) }
    @inline(__always) mutating func saveAndAdvance() {
        save(current)
        advance()
    }

    var currentIsNewline: Bool { current == 10 || current == 13 }

    // Character classes of `current` (lctype): endOfInput (-1) becomes 0xFF, which is in none.
    @inline(__always) static func byte(_ c: Int) -> UInt8 { UInt8(truncatingIfNeeded: c) }
    static func isDigit(_ c: Int) -> Bool { CharacterClass.isDigit(byte(c)) }
    static func isHexDigit(_ c: Int) -> Bool { CharacterClass.isHexDigit(byte(c)) }
    /// Letters and '_' start names.
    static func isAlpha(_ c: Int) -> Bool { c == 95 || CharacterClass.isAlpha(byte(c)) }
    static func isAlnum(_ c: Int) -> Bool { isAlpha(c) || isDigit(c) }
    static func isSpace(_ c: Int) -> Bool { CharacterClass.isSpace(byte(c)) }
    static func isPrint(_ c: Int) -> Bool { CharacterClass.isPrint(byte(c)) }
    static func hexValue(_ c: Int) -> Int { CharacterClass.hexValue(byte(c)) }

    // MARK: Errors

    /// luaX_token2str
    func tokenText(_ token: Token) -> String {
        if token < Tokens.firstReserved {
            if Lexer.isPrint(token) { return "'" + String(UnicodeScalar(UInt8(token))) + "'" }
            return "'<\\\(token)>'"
        }
        let s = Tokens.names[token - Tokens.firstReserved]
        return token < Tokens.eos ? "'" + s + "'" : s
    }

    /// txtToken: names, strings and numerals show the text read.
    func nearText(_ token: Token) -> [UInt8] {
        switch token {
        case Tokens.name, Tokens.string, Tokens.float, Tokens.integer:
            var text = buffer
            if let zero = text.firstIndex(of: 0) { text.removeSubrange(zero...) }
            return Array("'".utf8) + text + Array("'".utf8)
        default:
            return Array(tokenText(token).utf8)
        }
    }

    func error(_ message: String, near token: Token?) -> CompileError {
        var text = chunkID(chunkName) + Array(":\(lineNumber): ".utf8) + Array(message.utf8)
        if let token, token != 0 {
            text += Array(" near ".utf8) + nearText(token)
        }
        return CompileError(message: text)
    }

    func syntaxError(_ message: String) -> CompileError { error(message, near: token) }

    // MARK: Tokens

    mutating func next() throws(CompileError) {
        lastLine = lineNumber
        if hasLookahead {
            token = lookahead
            tokenString = lookaheadString
            tokenInteger = lookaheadInteger
            tokenFloat = lookaheadFloat
            hasLookahead = false
        } else {
            token = try scan()
        }
    }

    mutating func peek() throws(CompileError) -> Token {
        precondition(!hasLookahead)
        let saved = (token, tokenString, tokenInteger, tokenFloat)
        lookahead = try scan()
        lookaheadString = tokenString
        lookaheadInteger = tokenInteger
        lookaheadFloat = tokenFloat
        (token, tokenString, tokenInteger, tokenFloat) = saved
        hasLookahead = true
        return lookahead
    }

    mutating func newLine() throws(CompileError) {
        let old = current
        advance()
        if currentIsNewline && current != old { advance() }
        lineNumber += 1
        if lineNumber >= Int(Int32.max) { throw error("chunk has too many lines", near: nil) }
    }

    mutating func checkNext2(_ a: UInt8, _ b: UInt8) -> Bool {
        if current == Int(a) || current == Int(b) {
            saveAndAdvance()
            return true
        }
        return false
    }

    mutating func checkNext1(_ c: UInt8) -> Bool {
        if current == Int(c) {
            advance()
            return true
        }
        return false
    }

    mutating func readNumeral() throws(CompileError) -> Token {
        var exponent: (UInt8, UInt8) = (UInt8(ascii: "E"), UInt8(ascii: "e"))
        let first = current
        saveAndAdvance()
        if first == 48 && checkNext2(UInt8(ascii: "x"), UInt8(ascii: "X")) {
            exponent = (UInt8(ascii: "P"), UInt8(ascii: "p"))
        }
        while true {
            if checkNext2(exponent.0, exponent.1) {
                _ = checkNext2(UInt8(ascii: "-"), UInt8(ascii: "+"))
            }
            if Lexer.isHexDigit(current) || current == 46 {
                saveAndAdvance()
            } else {
                break
            }
        }
        guard let n = parseNumeral(buffer, numbers: numbers) else { throw error("malformed number", near: Tokens.float) }
        switch n {
        case .integer(let i):
            tokenInteger = i
            return Tokens.integer
        case .float(let d):
            tokenFloat = d
            return Tokens.float
        }
    }

    /// Reads '[=*[' or ']=*]': the count of '=' plus 2 when well formed, 1 for a lone bracket,
    /// 0 for an unfinished '[=='.
    mutating func skipSeparator() -> Int {
        var count = 0
        let s = current
        saveAndAdvance()
        while current == 61 {
            saveAndAdvance()
            count += 1
        }
        return current == s ? count + 2 : (count == 0 ? 1 : 0)
    }

    mutating func readLongString(separator: Int, isComment: Bool) throws(CompileError) {
        let line = lineNumber
        saveAndAdvance()
        if currentIsNewline { try newLine() }
        loop: while true {
            switch current {
            case Lexer.endOfInput:
                let what = isComment ? "comment" : "string"
                throw error("unfinished long \(what) (starting at line \(line))", near: Tokens.eos)
            case 93:  // ']'
                if skipSeparator() == separator {
                    saveAndAdvance()
                    break loop
                }
            case 10, 13:
                save(10)
                try newLine()
                if isComment { buffer.removeAll(keepingCapacity: true) }
            default:
                if isComment { advance() } else { saveAndAdvance() }
            }
        }
        if !isComment {
            tokenString = Array(buffer[separator..<(buffer.count - separator)])
        }
    }

    mutating func escapeCheck(_ condition: Bool, _ message: String) throws(CompileError) {
        if !condition {
            if current != Lexer.endOfInput { saveAndAdvance() }
            throw error(message, near: Tokens.string)
        }
    }

    mutating func hexEscapeDigit() throws(CompileError) -> Int {
        saveAndAdvance()
        try escapeCheck(Lexer.isHexDigit(current), "hexadecimal digit expected")
        return Lexer.hexValue(current)
    }

    mutating func readHexEscape() throws(CompileError) -> Int {
        var r = try hexEscapeDigit()
        r = (r << 4) + (try hexEscapeDigit())
        buffer.removeLast(2)
        return r
    }

    mutating func readUTF8Escape() throws(CompileError) {
        var removeCount = 4
        saveAndAdvance()  // 'u'
        try escapeCheck(current == 123, "missing '{'")
        var r = try hexEscapeDigit()
        while true {
            saveAndAdvance()
            if !Lexer.isHexDigit(current) { break }
            removeCount += 1
            r = (r << 4) + Lexer.hexValue(current)
            try escapeCheck(r <= 0x10FFFF, "UTF-8 value too large")
        }
        try escapeCheck(current == 125, "missing '}'")
        advance()
        buffer.removeLast(removeCount)
        UTF8Text.encode(UInt32(r), to: &buffer)
    }

    mutating func readDecimalEscape() throws(CompileError) -> Int {
        var r = 0
        var i = 0
        while i < 3 && Lexer.isDigit(current) {
            r = 10 * r + current - 48
            saveAndAdvance()
            i += 1
        }
        try escapeCheck(r <= 255, "decimal escape too large")
        buffer.removeLast(i)
        return r
    }

    mutating func readString(delimiter: Int) throws(CompileError) {
        saveAndAdvance()
        while current != delimiter {
            switch current {
            case Lexer.endOfInput:
                throw error("unfinished string", near: Tokens.eos)
            case 10, 13:
                throw error("unfinished string", near: Tokens.string)
            case 92:  // '\\'
                saveAndAdvance()
                var c: Int
                var consume = true
                switch current {
                case 97: c = 7
                case 98: c = 8
                case 102: c = 12
                case 110: c = 10
                case 114: c = 13
                case 116: c = 9
                case 118: c = 11
                case 120: c = try readHexEscape()
                case 117:
                    try readUTF8Escape()
                    continue
                case 10, 13:
                    try newLine()
                    c = 10
                    consume = false
                case 92, 34, 39: c = current
                case Lexer.endOfInput: continue
                case 122:  // 'z'
                    buffer.removeLast(1)
                    advance()
                    while Lexer.isSpace(current) {
                        if currentIsNewline { try newLine() } else { advance() }
                    }
                    continue
                default:
                    try escapeCheck(Lexer.isDigit(current), "invalid escape sequence")
                    c = try readDecimalEscape()
                    consume = false
                }
                if consume { advance() }
                buffer.removeLast(1)
                save(c)
            default:
                saveAndAdvance()
            }
        }
        saveAndAdvance()
        tokenString = Array(buffer[1..<(buffer.count - 1)])
    }

    mutating func scan() throws(CompileError) -> Token {
        buffer.removeAll(keepingCapacity: true)
        while true {
            switch current {
            case 10, 13:
                try newLine()
            case 32, 12, 9, 11:
                advance()
            case 45:  // '-'
                advance()
                if current != 45 { return 45 }
                advance()
                if current == 91 {
                    let separator = skipSeparator()
                    buffer.removeAll(keepingCapacity: true)
                    if separator >= 2 {
                        try readLongString(separator: separator, isComment: true)
                        buffer.removeAll(keepingCapacity: true)
                        continue
                    }
                }
                while !currentIsNewline && current != Lexer.endOfInput { advance() }
            case 91:  // '['
                let separator = skipSeparator()
                if separator >= 2 {
                    try readLongString(separator: separator, isComment: false)
                    return Tokens.string
                } else if separator == 0 {
                    throw error("invalid long string delimiter", near: Tokens.string)
                }
                return 91
            case 61:
                advance()
                return checkNext1(61) ? Tokens.eq : 61
            case 60:
                advance()
                if checkNext1(61) { return Tokens.le }
                return checkNext1(60) ? Tokens.shl : 60
            case 62:
                advance()
                if checkNext1(61) { return Tokens.ge }
                return checkNext1(62) ? Tokens.shr : 62
            case 47:
                advance()
                return checkNext1(47) ? Tokens.idiv : 47
            case 126:
                advance()
                return checkNext1(61) ? Tokens.ne : 126
            case 58:
                advance()
                return checkNext1(58) ? Tokens.doubleColon : 58
            case 34, 39:
                try readString(delimiter: current)
                return Tokens.string
            case 46:  // '.'
                saveAndAdvance()
                if checkNext1(46) {
                    return checkNext1(46) ? Tokens.dots : Tokens.concat
                }
                if !Lexer.isDigit(current) { return 46 }
                return try readNumeral()
            case 48...57:
                return try readNumeral()
            case Lexer.endOfInput:
                return Tokens.eos
            default:
                if Lexer.isAlpha(current) {
                    repeat { saveAndAdvance() } while Lexer.isAlnum(current)
                    tokenString = buffer
                    if let reserved = Tokens.reserved(buffer) { return reserved }
                    return Tokens.name
                }
                let c = current
                advance()
                return c
            }
        }
    }
}
