/// Lua 5.3 pattern matching over bytes, with lstrlib.c's semantics and error messages:
/// classes (%a %c %d %g %l %p %s %u %w %x, upper case = complement), sets, '.', the
/// quantifiers * + - ?, anchors, captures (also position captures "()"), %b, %f and
/// back-references %1-%9. Recursion is bounded (MAXCCALLS 200: "pattern too complex").
///
/// Positions are 0-based byte offsets into `source`; a failed match is -1. Bytes past the end of
/// the source or the pattern read as 0, as C reads the terminating NUL.
public struct PatternMatcher {
    public static let maxCaptures = 32
    public static let maxMatchDepth = 200
    static let unfinished = -1
    static let position = -2

    public let source: UnsafeBufferPointer<UInt8>
    public let pattern: UnsafeBufferPointer<UInt8>
    let sourceEnd: Int
    let patternEnd: Int
    /// Mutable state lives behind a pointer (no dynamic exclusivity checks in the hot loop):
    /// [0] remaining match depth, [1] capture level, then capture starts and lengths.
    let cells: UnsafeMutablePointer<Int>
    let starts: UnsafeMutablePointer<Int>
    let lengths: UnsafeMutablePointer<Int>
    @inline(__always) var depth: Int {
        get { cells[0] }
        nonmutating set { cells[0] = newValue }
    }
    /// Number of captures (finished or not) of the last match.
    @inline(__always) public internal(set) var level: Int {
        get { cells[1] }
        nonmutating set { cells[1] = newValue }
    }

    /// A capture's value: a substring (0-based start, end exclusive) or a position capture
    /// (1-based position, as Lua returns it).
    public enum Capture: Equatable {
        case substring(start: Int, end: Int)
        case position(Int)
    }

    /// Number of Ints of scratch memory a matcher needs (depth, level, capture starts/lengths).
    public static let scratchCount = 2 + 2 * maxCaptures

    /// `pattern` excludes a leading '^' anchor (the caller strips it and anchors itself).
    /// `scratch` (scratchCount Ints) holds the mutable state; it must outlive the matcher (use
    /// `withMatcher` for a stack-allocated one).
    public init(source: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<Int>) {
        self.source = source
        self.pattern = pattern
        sourceEnd = source.count
        patternEnd = pattern.count
        cells = scratch
        starts = scratch + 2
        lengths = scratch + 2 + PatternMatcher.maxCaptures
        cells[0] = PatternMatcher.maxMatchDepth
        cells[1] = 0
    }

    /// Runs body with a matcher whose state is allocated on the stack (inlinable, so callers in
    /// other modules get it specialized).
    @inlinable
    public static func withMatcher<R, E: Error>(
        source: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>,
        _ body: (PatternMatcher) throws(E) -> R
    ) throws(E) -> R {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: scratchCount) { (buffer) throws(E) -> R in
            try body(PatternMatcher(source: source, pattern: pattern, scratch: buffer.baseAddress!))
        }
    }

    /// Prepares for a new match attempt (reprepstate).
    @inline(__always) public func reset() {
        level = 0
        depth = PatternMatcher.maxMatchDepth
    }

    /// Tries to match the whole pattern at source offset `s`; returns the end of the match or -1.
    public func match(at s: Int) throws(TextError) -> Int {
        reset()
        return try match(s, 0)
    }

    /// Searches from `start` (0-based) for the first match: (start, end) or nil. `anchored` tries
    /// only `start`.
    public func find(from start: Int, anchored: Bool) throws(TextError) -> (start: Int, end: Int)? {
        var s1 = start
        repeat {
            reset()
            let e = try match(s1, 0)
            if e != -1 { return (s1, e) }
            s1 &+= 1
        } while s1 <= sourceEnd && !anchored
        return nil
    }

    // MARK: Captures

    /// Number of values a match yields: its captures, or the whole match when it has none and
    /// `wholeMatch` is wanted (push_captures).
    public func captureCount(wholeMatch: Bool) -> Int {
        level == 0 && wholeMatch ? 1 : level
    }

    /// Capture i (0-based) of the match [s, e) (push_onecapture).
    public func capture(_ i: Int, matchStart s: Int, matchEnd e: Int) throws(TextError) -> Capture {
        if i >= level {
            if i == 0 { return .substring(start: s, end: e) }
            throw TextError("invalid capture index %\(i &+ 1)")
        }
        let l = lengths[i]
        if l == PatternMatcher.unfinished { throw TextError("unfinished capture") }
        if l == PatternMatcher.position { return .position(starts[i] &+ 1) }
        return .substring(start: starts[i], end: starts[i] + l)
    }

    // MARK: Matching

    @inline(__always) func sc(_ i: Int) -> UInt8 { i < sourceEnd ? source[i] : 0 }
    @inline(__always) func pc(_ i: Int) -> UInt8 { i < patternEnd ? pattern[i] : 0 }

    func match(_ sInit: Int, _ pInit: Int) throws(TextError) -> Int {
        if depth == 0 { throw TextError("pattern too complex") }
        depth &-= 1
        var s = sInit
        var p = pInit
        loop: while p != patternEnd {
            let c = pattern[p]
            var isDefault = false
            switch c {
            case UInt8(ascii: "("):
                if pc(p &+ 1) == UInt8(ascii: ")") {
                    s = try startCapture(s, p &+ 2, PatternMatcher.position)
                } else {
                    s = try startCapture(s, p &+ 1, PatternMatcher.unfinished)
                }
                break loop
            case UInt8(ascii: ")"):
                s = try endCapture(s, p &+ 1)
                break loop
            case UInt8(ascii: "$") where p &+ 1 == patternEnd:
                s = s == sourceEnd ? s : -1
                break loop
            case UInt8(ascii: "%"):
                let next = pc(p &+ 1)
                switch next {
                case UInt8(ascii: "b"):
                    s = try matchBalance(s, p &+ 2)
                    if s != -1 {
                        p &+= 4
                        continue loop
                    }
                    break loop
                case UInt8(ascii: "f"):
                    p &+= 2
                    if pc(p) != UInt8(ascii: "[") { throw TextError("missing '[' after '%f' in pattern") }
                    let ep = try classEnd(p)
                    let previous: UInt8 = s == 0 ? 0 : source[s - 1]
                    if !matchBracketClass(previous, p, ep &- 1) && matchBracketClass(sc(s), p, ep &- 1) {
                        p = ep
                        continue loop
                    }
                    s = -1
                    break loop
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    s = try matchCapture(s, next)
                    if s != -1 {
                        p &+= 2
                        continue loop
                    }
                    break loop
                default:
                    isDefault = true
                }
            default:
                isDefault = true
            }
            guard isDefault else { break loop }
            let ep = try classEnd(p)
            let suffix = pc(ep)
            if !singleMatch(s, p, ep) {
                if suffix == UInt8(ascii: "*") || suffix == UInt8(ascii: "?") || suffix == UInt8(ascii: "-") {
                    p = ep &+ 1
                    continue loop
                }
                s = -1
                break loop
            }
            switch suffix {
            case UInt8(ascii: "?"):
                let res = try match(s &+ 1, ep &+ 1)
                if res != -1 {
                    s = res
                    break loop
                }
                p = ep &+ 1
                continue loop
            case UInt8(ascii: "+"):
                s = try maxExpand(s &+ 1, p, ep)
                break loop
            case UInt8(ascii: "*"):
                s = try maxExpand(s, p, ep)
                break loop
            case UInt8(ascii: "-"):
                s = try minExpand(s, p, ep)
                break loop
            default:
                s &+= 1
                p = ep
                continue loop
            }
        }
        depth &+= 1
        return s
    }

    /// End of the single-character class starting at p (classend).
    func classEnd(_ pInit: Int) throws(TextError) -> Int {
        var p = pInit
        let c = pattern[p]
        p &+= 1
        if c == UInt8(ascii: "%") {
            if p >= patternEnd { throw TextError("malformed pattern (ends with '%')") }
            return p &+ 1
        }
        if c == UInt8(ascii: "[") {
            if pc(p) == UInt8(ascii: "^") { p &+= 1 }
            repeat {
                if p >= patternEnd { throw TextError("malformed pattern (missing ']')") }
                let x = pattern[p]
                p &+= 1
                if x == UInt8(ascii: "%") && p < patternEnd { p &+= 1 }
            } while pc(p) != UInt8(ascii: "]")
            return p &+ 1
        }
        return p
    }

    @inline(__always) func singleMatch(_ s: Int, _ p: Int, _ ep: Int) -> Bool {
        if s >= sourceEnd { return false }
        let c = source[s]
        switch pattern[p] {
        case UInt8(ascii: "."): return true
        case UInt8(ascii: "%"): return PatternMatcher.matchClass(c, pc(p &+ 1))
        case UInt8(ascii: "["): return matchBracketClass(c, p, ep &- 1)
        case let x: return x == c
        }
    }

    /// Whether c belongs to the set [p, ec] (p at '[', ec at ']').
    func matchBracketClass(_ c: UInt8, _ pInit: Int, _ ec: Int) -> Bool {
        var p = pInit
        var sig = true
        if pc(p &+ 1) == UInt8(ascii: "^") {
            sig = false
            p &+= 1
        }
        p &+= 1
        while p < ec {
            let x = pattern[p]
            if x == UInt8(ascii: "%") {
                p &+= 1
                if PatternMatcher.matchClass(c, pc(p)) { return sig }
            } else if pc(p &+ 1) == UInt8(ascii: "-") && p &+ 2 < ec {
                p &+= 2
                if x <= c && c <= pattern[p] { return sig }
            } else if x == c {
                return sig
            }
            p &+= 1
        }
        return !sig
    }

    /// Whether c belongs to the class letter cl (an upper-case letter is the complement; any
    /// other byte matches itself).
    @inline(__always) public static func matchClass(_ c: UInt8, _ cl: UInt8) -> Bool {
        let res: Bool
        switch CharacterClass.toLower(cl) {
        case UInt8(ascii: "a"): res = CharacterClass.isAlpha(c)
        case UInt8(ascii: "c"): res = CharacterClass.isControl(c)
        case UInt8(ascii: "d"): res = CharacterClass.isDigit(c)
        case UInt8(ascii: "g"): res = CharacterClass.isGraph(c)
        case UInt8(ascii: "l"): res = CharacterClass.isLower(c)
        case UInt8(ascii: "p"): res = CharacterClass.isPunct(c)
        case UInt8(ascii: "s"): res = CharacterClass.isSpace(c)
        case UInt8(ascii: "u"): res = CharacterClass.isUpper(c)
        case UInt8(ascii: "w"): res = CharacterClass.isAlnum(c)
        case UInt8(ascii: "x"): res = CharacterClass.isHexDigit(c)
        case UInt8(ascii: "z"): res = c == 0
        default: return cl == c
        }
        return CharacterClass.isLower(cl) ? res : !res
    }

    func matchBalance(_ s: Int, _ p: Int) throws(TextError) -> Int {
        if p >= patternEnd - 1 { throw TextError("malformed pattern (missing arguments to '%b')") }
        if sc(s) != pattern[p] { return -1 }
        let b = pattern[p]
        let e = pattern[p &+ 1]
        var cont = 1
        var i = s &+ 1
        while i < sourceEnd {
            let x = source[i]
            if x == e {
                cont &-= 1
                if cont == 0 { return i &+ 1 }
            } else if x == b {
                cont &+= 1
            }
            i &+= 1
        }
        return -1
    }

    func maxExpand(_ s: Int, _ p: Int, _ ep: Int) throws(TextError) -> Int {
        var i = 0
        while singleMatch(s &+ i, p, ep) { i &+= 1 }
        while i >= 0 {
            let res = try match(s &+ i, ep &+ 1)
            if res != -1 { return res }
            i &-= 1
        }
        return -1
    }

    func minExpand(_ sInit: Int, _ p: Int, _ ep: Int) throws(TextError) -> Int {
        var s = sInit
        while true {
            let res = try match(s, ep &+ 1)
            if res != -1 { return res }
            if singleMatch(s, p, ep) {
                s &+= 1
            } else {
                return -1
            }
        }
    }

    func startCapture(_ s: Int, _ p: Int, _ what: Int) throws(TextError) -> Int {
        let l = level
        if l >= PatternMatcher.maxCaptures { throw TextError("too many captures") }
        starts[l] = s
        lengths[l] = what
        level = l &+ 1
        let res = try match(s, p)
        if res == -1 { level &-= 1 }
        return res
    }

    func endCapture(_ s: Int, _ p: Int) throws(TextError) -> Int {
        var l = level - 1
        while l >= 0 && lengths[l] != PatternMatcher.unfinished { l &-= 1 }
        if l < 0 { throw TextError("invalid pattern capture") }
        lengths[l] = s - starts[l]
        let res = try match(s, p)
        if res == -1 { lengths[l] = PatternMatcher.unfinished }
        return res
    }

    func matchCapture(_ s: Int, _ digit: UInt8) throws(TextError) -> Int {
        let l = Int(digit) - Int(UInt8(ascii: "1"))
        if l < 0 || l >= level || lengths[l] == PatternMatcher.unfinished {
            throw TextError("invalid capture index %\(l &+ 1)")
        }
        let len = lengths[l]
        guard len >= 0, sourceEnd - s >= len else { return -1 }
        let start = starts[l]
        for k in 0..<len where source[start + k] != source[s + k] { return -1 }
        return s + len
    }

    // MARK: Plain search

    /// Whether a pattern has none of the magic characters "^$*+?.([%-" (then find searches plainly).
    public static func hasNoSpecials(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in p {
            switch c {
            case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"),
                UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "%"), UInt8(ascii: "-"):
                return false
            default: continue
            }
        }
        return true
    }

    /// First occurrence of `needle` in `haystack` at or after `from` (lmemfind); the empty
    /// needle is found at `from`.
    public static func findPlain(_ haystack: UnsafeBufferPointer<UInt8>, from: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = needle.count
        if n == 0 { return from }
        let h = haystack.count
        if n > h - from { return nil }
        let first = needle[0]
        var i = from
        let last = h - n
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < n && haystack[i + k] == needle[k] { k &+= 1 }
                if k == n { return i }
            }
            i &+= 1
        }
        return nil
    }
}
