import FlashLuaText
import Testing

struct NumeralTests {
    @Test func integersAndFloatsStayApart() {
        #expect(parseNumeral(Array("10".utf8)) == .integer(10))
        #expect(parseNumeral(Array(" 0x10 ".utf8)) == .integer(16))
        #expect(parseNumeral(Array("1e2".utf8)) == .float(100))
        #expect(parseNumeral(Array("0x1p4".utf8)) == .float(16))
        #expect(parseNumeral(Array("-.5".utf8)) == .float(-0.5))
    }

    @Test func hexIntegersWrapAndDecimalOverflowBecomesFloat() {
        #expect(parseNumeral(Array("0xffffffffffffffff".utf8)) == .integer(-1))
        #expect(parseNumeral(Array("9223372036854775807".utf8)) == .integer(Int64.max))
        #expect(parseNumeral(Array("-9223372036854775808".utf8)) == .integer(Int64.min))
        #expect(parseNumeral(Array("9223372036854775808".utf8)) == .float(9223372036854775808.0))
    }

    @Test func rejectsNonNumerals() {
        for text in ["", " ", "inf", "nan", "0x", "1e", "1..2", "12a", "1 2", "--1"] {
            #expect(parseNumeral(Array(text.utf8)) == nil, "\(text)")
        }
    }
}
