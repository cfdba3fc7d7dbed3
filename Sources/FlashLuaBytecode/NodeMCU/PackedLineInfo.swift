/// NodeMCU's packed line info (lcode.c, above luaK_addlineinfo): a byte string of instruction
/// counts (IC, 1..127) each preceded by an optional line delta (LD, 1snnnnnn [1nnnnnnn]*, the
/// magnitude little-endian in 6 then 7 bit groups; s set: -n, clear: n + 2; absent: +1),
/// terminated by 0.
public enum PackedLineInfo {
    static let marker: UInt8 = 0x80

    /// Packs a plain per-instruction line array (for functions that did not come from our compiler),
    /// as luaK_addlineinfo would for one call per instruction; terminated by 0.
    public static func pack(_ lines: [Int32]) -> [UInt8] {
        var encoder = PackedLineInfoEncoder()
        for (pc, line) in lines.enumerated() { encoder.add(pc: pc, line: Int(line)) }
        return encoder.finished()
    }

    /// Per-instruction lines of `codeCount` instructions, as luaG_getfuncline finds them; nil when
    /// the bytes do not cover exactly `codeCount` instructions before their terminator or end.
    public static func decode(_ bytes: [UInt8], codeCount: Int) -> [Int32]? {
        var lines: [Int32] = []
        lines.reserveCapacity(codeCount)
        var line: Int64 = 0
        var delta: Int64 = 0
        var shift: Int64 = 0
        var sign = -1  // < 0: no delta since the last count
        for byte in bytes {
            if byte & marker != 0 {
                if shift == 0 {
                    sign = byte & 0x40 != 0 ? 1 : 0
                    delta = Int64(byte & 0x3f)
                    shift = 6
                } else {
                    guard shift < 36 else { return nil }  // beyond any int: hostile input
                    delta += Int64(byte & 0x7f) << shift
                    shift += 7
                }
                continue
            }
            if byte == 0 { break }
            line += sign < 0 ? 1 : (sign == 1 ? -delta : delta + 2)
            guard line >= Int64(Int32.min), line <= Int64(Int32.max) else { return nil }
            delta = 0
            shift = 0
            sign = -1
            guard lines.count + Int(byte) <= codeCount else { return nil }
            lines.append(contentsOf: repeatElement(Int32(line), count: Int(byte)))
        }
        return lines.count == codeCount ? lines : nil
    }
}

/// luaK_addlineinfo, call for call: the compiler reports every emitted instruction (pc, lastline)
/// and every line fix (pc - 1, line); a call for the last pc again replaces that pc's line.
public struct PackedLineInfoEncoder: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var lastPC = -1
    private var lastLine = 0

    public init() {}

    /// lcode.c reads the byte before the vector's start on some undo paths; the heap byte there
    /// (the top byte of glibc's chunk size on the host luac.cross runs on) is 0.
    private func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

    public mutating func add(pc: Int, line: Int) {
        var lastLine = self.lastLine
        var last = bytes.count - 1  // lcode.c's p
        if pc == lastPC {
            if line == lastLine { return }
            // Undo the last instruction's line: its IC is the last byte.
            if byte(last) > 1 {
                bytes[last] -= 1
            } else {
                last -= 1  // drop the IC:1
                var delta: Int
                if byte(last) & PackedLineInfo.marker != 0 {
                    // lcode.c walks back over the continuation bytes, then overwrites the
                    // accumulated delta with the first byte's 6 bits only (kept as it does).
                    while byte(last - 1) & PackedLineInfo.marker != 0 { last -= 1 }
                    delta = Int(byte(last) & 0x3f)
                    delta = byte(last) & 0x40 != 0 ? -delta : delta + 2
                    last -= 1
                } else {
                    delta = 1
                }
                lastLine -= delta
            }
            bytes.removeSubrange(max(last + 1, 0)...)
        }
        if line == lastLine && last >= 0 && bytes[last] < 127 {
            bytes[last] += 1  // another instruction on the same line
        } else {
            if line == lastLine {
                bytes.append(0xC0)  // LD:0 (a count at its maximum)
            } else {
                var delta = line - lastLine
                if delta != 1 {  // +1 is the default, no LD
                    let negative = delta <= 0
                    delta = negative ? -delta : delta - 2
                    bytes.append(PackedLineInfo.marker | (negative ? 0x40 : 0) | UInt8(delta & 0x3f))
                    delta >>= 6
                    while delta > 0 {
                        bytes.append(PackedLineInfo.marker | UInt8(delta & 0x7f))
                        delta >>= 7
                    }
                }
            }
            bytes.append(1)
        }
        self.lastLine = line
        self.lastPC = pc
    }

    /// The packed bytes with close_func's terminating 0.
    public func finished() -> [UInt8] { bytes + [0] }
}
