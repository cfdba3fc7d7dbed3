/// luaO_chunkid: how a chunk's source name appears in messages ("file.lua", "stdin",
/// `[string "..."]`), limited like LUA_IDSIZE (60) in lua5.3.
public func chunkID(_ fullSource: [UInt8]) -> [UInt8] {
    let idSize = 60
    // luaO_chunkid sees a C string: the name ends at its first zero byte.
    let source = fullSource.firstIndex(of: 0).map { Array(fullSource[..<$0]) } ?? fullSource
    guard let first = source.first else { return Array("[string \"\"]".utf8) }
    if first == UInt8(ascii: "=") {
        return Array(source.dropFirst().prefix(idSize - 1))
    }
    if first == UInt8(ascii: "@") {
        let rest = source.dropFirst()
        if rest.count <= idSize - 1 { return Array(rest) }
        return Array("...".utf8) + Array(rest.suffix(idSize - 1 - 3))
    }
    // String source: first line only, truncated with "...".
    let prefix = Array("[string \"".utf8)
    let suffix = Array("\"]".utf8)
    let dots = Array("...".utf8)
    let available = idSize - prefix.count - dots.count - suffix.count - 1
    let newline = source.firstIndex(of: UInt8(ascii: "\n"))
    if newline == nil && source.count < available {
        return prefix + source + suffix
    }
    var length = newline ?? source.count
    if length > available { length = available }
    return prefix + source[0..<length] + dots + suffix
}
