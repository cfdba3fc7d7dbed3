import FlashLuaCore
import FlashLuaText

/// string.find, string.match, string.gmatch and string.gsub over FlashLuaText's PatternMatcher.
/// The subject and the pattern stay on the Lua stack (or in the gmatch closure), so their bytes
/// stay valid while matching; captures are pushed as soon as they are made.
extension LuaState {
    /// Pushes capture i of a match [s, e) (push_onecapture).
    func pushCapture(_ m: PatternMatcher, _ i: Int, _ s: Int, _ e: Int) throws(LuaError) {
        let c: PatternMatcher.Capture
        do { c = try m.capture(i, matchStart: s, matchEnd: e) } catch { throw textError(error) }
        switch c {
        case .substring(let start, let end): push(Value(try newString(m.source, start, end)))
        case .position(let p): push(Value(Int64(p)))
        }
    }

    /// Pushes the captures of a match (or the whole match when `wholeMatch` and it has none).
    func pushCaptures(_ m: PatternMatcher, _ s: Int, _ e: Int, wholeMatch: Bool) throws(LuaError) -> Int {
        let n = m.captureCount(wholeMatch: wholeMatch)
        try checkStackSpace(n, "too many captures")
        for i in 0..<n { try pushCapture(m, i, s, e) }
        return n
    }

    /// str_find_aux: find (positions plus captures) or match (captures).
    func strFind(find: Bool) throws(LuaError) -> Int {
        let s = try checkString(1)
        let p = try checkString(2)
        let ls = s.count
        var initial = relativePosition(try optionalInteger(3, default: 1), ls)
        if initial < 1 {
            initial = 1
        } else if initial > Int64(ls) + 1 {
            return try returnValues(.nil)
        }
        let start = Int(initial) - 1
        let pattern = p.buffer
        if find && (!argument(4).isFalsy || PatternMatcher.hasNoSpecials(pattern)) {
            if let at = PatternMatcher.findPlain(s.buffer, from: start, pattern) {
                return try returnValues(Value(Int64(at + 1)), Value(Int64(at + p.count)))
            }
            return try returnValues(.nil)
        }
        let anchored = p.count > 0 && pattern[0] == UInt8(ascii: "^")
        let body = anchored ? UnsafeBufferPointer(rebasing: pattern[1...]) : pattern
        return try PatternMatcher.withMatcher(source: s.buffer, pattern: body) { (m) throws(LuaError) -> Int in
            let found: (start: Int, end: Int)?
            do throws(TextError) { found = try m.find(from: start, anchored: anchored) } catch { throw textError(error) }
            guard let (ms, me) = found else { return try returnValues(.nil) }
            if find {
                try ensureStack(2)
                push(Value(Int64(ms + 1)))
                push(Value(Int64(me)))
                return try pushCaptures(m, ms, me, wholeMatch: false) + 2
            }
            return try pushCaptures(m, ms, me, wholeMatch: true)
        }
    }

    /// gmatch: an iterator closure with upvalues subject, pattern, next position, end of the
    /// last match (-1 for none).
    func strGmatch() throws(LuaError) -> Int {
        let s = try checkString(1)
        let p = try checkString(2)
        let f = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.gmatchStep() }, upvalues: 4)
        f.upvalues[0] = Value(s)
        f.upvalues[1] = Value(p)
        f.upvalues[2] = Value(Int64(0))
        f.upvalues[3] = Value(Int64(-1))
        return try returnValues(Value(f))
    }

    private func gmatchStep() throws(LuaError) -> Int {
        let ups = currentNativeUpvalues
        let s = ups[0].string
        let p = ups[1].string
        var src = Int(ups[2].integer)
        let lastMatch = Int(ups[3].integer)
        return try PatternMatcher.withMatcher(source: s.buffer, pattern: p.buffer) { (m) throws(LuaError) -> Int in
            while src <= s.count {
                let e: Int
                do throws(TextError) { e = try m.match(at: src) } catch { throw textError(error) }
                if e != -1 && e != lastMatch {
                    ups[2] = Value(Int64(e))
                    ups[3] = Value(Int64(e))
                    return try pushCaptures(m, src, e, wholeMatch: true)
                }
                src += 1
            }
            ups[2] = Value(Int64(src))
            return 0
        }
    }

    func strGsub() throws(LuaError) -> Int {
        let s = try checkString(1)
        let p = try checkString(2)
        let srcl = s.count
        let replacement = argument(3)
        let maxReplacements = try optionalInteger(4, default: Int64(srcl) + 1)
        let tr = replacement.tag
        guard replacement.isString || replacement.isNumber || tr == .table || replacement.isFunction else {
            throw argumentError(3, "string/function/table expected")
        }
        var replacementString: LuaString? = nil
        if replacement.isString || replacement.isNumber { replacementString = try checkString(3) }
        let pattern = p.buffer
        let anchored = p.count > 0 && pattern[0] == UInt8(ascii: "^")
        let body = anchored ? UnsafeBufferPointer(rebasing: pattern[1...]) : pattern
        return try PatternMatcher.withMatcher(source: s.buffer, pattern: body) { (m) throws(LuaError) -> Int in
            try gsubLoop(
                m, anchored: anchored, replacement: replacement, replacementString: replacementString, maxReplacements: maxReplacements)
        }
    }

    private func gsubLoop(
        _ m: PatternMatcher, anchored: Bool, replacement: Value, replacementString: LuaString?, maxReplacements: Int64
    ) throws(LuaError) -> Int {
        let source = m.source
        let srcl = source.count
        var out: [UInt8] = []
        out.reserveCapacity(srcl)
        var src = 0
        // Unmatched bytes [copied, src) are copied in one piece before the next replacement.
        var copied = 0
        var lastMatch = -1
        var n: Int64 = 0
        while n < maxReplacements {
            let e: Int
            do { e = try m.match(at: src) } catch { throw textError(error) }
            if e != -1 && e != lastMatch {
                n += 1
                if copied < src { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<src])) }
                if let r = replacementString {
                    try appendReplacement(m, r.buffer, src, e, to: &out)
                } else {
                    try appendReplacementValue(m, replacement, src, e, to: &out)
                }
                src = e
                copied = e
                lastMatch = e
            } else if src < srcl {
                src += 1
            } else {
                break
            }
            if anchored { break }
        }
        try checkResultSize(out.count + srcl - copied)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<srcl]))
        let result = try newString(out)
        return try returnValues(Value(result), Value(n))
    }

    /// add_s: a replacement string with %0-%9 and %%.
    private func appendReplacement(
        _ m: PatternMatcher, _ r: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, to out: inout [UInt8]
    ) throws(LuaError) {
        let l = r.count
        var i = 0
        while i < l {
            let c = r[i]
            i += 1
            if c != UInt8(ascii: "%") {
                out.append(c)
                continue
            }
            let d: UInt8 = i < l ? r[i] : 0
            i += 1
            if !CharacterClass.isDigit(d) {
                if d != UInt8(ascii: "%") { throw nativeError("invalid use of '%' in replacement string") }
                out.append(d)
            } else if d == UInt8(ascii: "0") {
                try checkResultSize(out.count + e - s)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: m.source[s..<e]))
            } else {
                let c: PatternMatcher.Capture
                do { c = try m.capture(Int(d - UInt8(ascii: "1")), matchStart: s, matchEnd: e) } catch { throw textError(error) }
                switch c {
                case .substring(let a, let b):
                    try checkResultSize(out.count + b - a)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: m.source[a..<b]))
                case .position(let p):
                    out.append(contentsOf: String(p).utf8)
                }
            }
        }
        try checkResultSize(out.count)
    }

    /// add_value for a function or table replacement: its result replaces the match, false or
    /// nil keep the original text.
    private func appendReplacementValue(
        _ m: PatternMatcher, _ r: Value, _ s: Int, _ e: Int, to out: inout [UInt8]
    ) throws(LuaError) {
        let base = stackTop
        let v: Value
        if r.tag == .table {
            try ensureStack(1)
            try pushCapture(m, 0, s, e)
            let key = valueBelowTop(1)
            v = try getIndex(r, key, operand: .none)
        } else {
            try ensureStack(1)
            push(r)
            _ = try pushCaptures(m, s, e, wholeMatch: true)
            try call(base, wanted: 1)
            v = stackValue(base)
        }
        if v.isFalsy {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: m.source[s..<e]))
        } else if v.isString {
            try checkResultSize(out.count + v.string.count)
            out.append(contentsOf: v.string.buffer)
        } else if v.isNumber {
            appendNumber(v, numbers: numbers, to: &out)
        } else {
            stackTop = base
            throw nativeError("invalid replacement value (a " + v.typeName.text + ")")
        }
        stackTop = base
    }
}
