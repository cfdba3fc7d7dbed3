import Testing

@testable import FlashLuaText

/// Runs string.find-like searches: (start, end) 1-based inclusive plus captures as strings
/// (position captures as "@n").
private func find(_ s: String, _ p: String, from: Int = 0) throws(TextError) -> (Int, Int, [String])? {
    let sb = Array(s.utf8)
    let pb = Array(p.utf8)
    return try sb.withUnsafeBufferPointer { (src) throws(TextError) -> (Int, Int, [String])? in
        try pb.withUnsafeBufferPointer { (pat) throws(TextError) -> (Int, Int, [String])? in
            let anchored = pat.first == UInt8(ascii: "^")
            let scratch = UnsafeMutablePointer<Int>.allocate(capacity: PatternMatcher.scratchCount)
            defer { scratch.deallocate() }
            let m = PatternMatcher(source: src, pattern: anchored ? UnsafeBufferPointer(rebasing: pat[1...]) : pat, scratch: scratch)
            guard let (a, b) = try m.find(from: from, anchored: anchored) else { return nil }
            var caps: [String] = []
            for i in 0..<m.captureCount(wholeMatch: false) {
                switch try m.capture(i, matchStart: a, matchEnd: b) {
                case .substring(let x, let y): caps.append(String(decoding: src[x..<y], as: UTF8.self))
                case .position(let q): caps.append("@\(q)")
                }
            }
            return (a + 1, b, caps)
        }
    }
}

private func errorOf(_ s: String, _ p: String) -> String? {
    do {
        _ = try find(s, p)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct PatternMatcherTests {
    @Test func literalAndClasses() throws {
        #expect(try find("hello world", "wor")! == (7, 9, []))
        #expect(try find("hello 123", "%d+")! == (7, 9, []))
        #expect(try find("abc", "%D+")! == (1, 3, []))
        #expect(try find("  x", "%S")! == (3, 3, []))
        #expect(try find("a.b", "%.")! == (2, 2, []))
        #expect(try find("x=0x1F;", "%x+;")! == (5, 7, []))
        #expect(try find("Hello", "%u%l+")! == (1, 5, []))
        #expect(try find("a,b", "%p")! == (2, 2, []))
        #expect(try find("a\u{1}b", "%c")! == (2, 2, []))
        #expect(try find("  a", "%g")! == (3, 3, []))
        #expect(try find("abc", "%w*")! == (1, 3, []))
        #expect(try find("abc", "x") == nil)
    }

    @Test func setsAndRanges() throws {
        #expect(try find("hello", "[aeiou]+")! == (2, 2, []))
        #expect(try find("hello", "[^aeiou]+")! == (1, 1, []))
        #expect(try find("x-y", "[a-]")! == (2, 2, []))
        #expect(try find("ABC9", "[%d]")! == (4, 4, []))
        #expect(try find("a]b", "[]]")! == (2, 2, []))
        #expect(try find("q", "[a-z]")! == (1, 1, []))
    }

    @Test func quantifiersAndAnchors() throws {
        #expect(try find("<a><b>", "<.->")! == (1, 3, []))
        #expect(try find("<a><b>", "<.*>")! == (1, 6, []))
        #expect(try find("color colour", "colou?r", from: 1)! == (7, 12, []))
        #expect(try find("aaa", "^a")! == (1, 1, []))
        #expect(try find("baa", "^a") == nil)
        #expect(try find("abc", "c$")! == (3, 3, []))
        #expect(try find("a$c", "$c")! == (2, 3, []))
        #expect(try find("", "")! == (1, 0, []))
    }

    @Test func captures() throws {
        #expect(try find("key = value", "(%w+)%s*=%s*(%w+)")! == (1, 11, ["key", "value"]))
        #expect(try find("hello", "()ll()")! == (3, 4, ["@3", "@5"]))
        #expect(try find("abcabc", "(abc)%1")! == (1, 6, ["abc"]))
        #expect(try find("x = (a(b)c)", "%b()")! == (5, 11, []))
        #expect(try find("THE (quick) fox", "%f[%a]%a+", from: 3)! == (6, 10, []))
        #expect(try find("hello", "(h)(e)(l)")! == (1, 3, ["h", "e", "l"]))
    }

    @Test func errors() {
        #expect(errorOf("abc", "%") == "malformed pattern (ends with '%')")
        #expect(errorOf("abc", "[a") == "malformed pattern (missing ']')")
        #expect(errorOf("abc", "a)") == "invalid pattern capture")
        #expect(errorOf("abc", "%f") == "missing '[' after '%f' in pattern")
        #expect(errorOf("abc", "%1") == "invalid capture index %1")
        #expect(errorOf("abc", "(a%1)") == "invalid capture index %1")
        #expect(errorOf("abc", "%b") == "malformed pattern (missing arguments to '%b')")
        #expect(errorOf("abc", String(repeating: "()", count: 33)) == "too many captures")
        #expect(errorOf(String(repeating: "a", count: 300), String(repeating: "a?", count: 300)) == "pattern too complex")
    }

    @Test func plainSearch() {
        let h = Array("hello world".utf8)
        let n = Array("o w".utf8)
        h.withUnsafeBufferPointer { hb in
            n.withUnsafeBufferPointer { nb in
                #expect(PatternMatcher.findPlain(hb, from: 0, nb) == 4)
                #expect(PatternMatcher.findPlain(hb, from: 5, nb) == nil)
                #expect(PatternMatcher.findPlain(hb, from: 3, UnsafeBufferPointer(rebasing: nb[0..<0])) == 3)
            }
        }
        let specials = Array("a.b".utf8)
        specials.withUnsafeBufferPointer { #expect(!PatternMatcher.hasNoSpecials($0)) }
        h.withUnsafeBufferPointer { #expect(PatternMatcher.hasNoSpecials($0)) }
    }
}
