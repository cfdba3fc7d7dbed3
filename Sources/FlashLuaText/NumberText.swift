import CFlashLuaShim

/// Numbers as text the way lua5.3 prints them (tostring, concatenation, `luac -l` constants).
public enum NumberText {
    /// Room for any number as text ("%.14g" of a double, a 64-bit integer, plus ".0").
    public static let capacity = 64

    /// A float with "%.14g", plus ".0" when the result looks like an integer ("1.0", "-0.0",
    /// but "1e+15" and "inf" as they are), into `out` (at least `capacity` bytes); returns the
    /// length. No allocation: this is on the path of every number-to-string coercion.
    public static func format(float d: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        format(float: d, numbers: .int64Double, into: out)
    }

    /// The same with the number model's LUAI_NUMFFORMAT ("%.7g" for 32-bit floats).
    public static func format(float d: Double, numbers: NumberModel, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = out.withMemoryRebound(to: CChar.self, capacity: capacity) {
            Int(flua_format_double($0, capacity - 2, numbers == .int64Double ? "%.14g" : "%.7g", d))
        }
        for j in 0..<n where out[j] != UInt8(ascii: "-") && !CharacterClass.isDigit(out[j]) { return n }
        out[n] = UInt8(ascii: ".")
        out[n + 1] = UInt8(ascii: "0")
        return n + 2
    }
}
