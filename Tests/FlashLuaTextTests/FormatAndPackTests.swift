import Testing

@testable import FlashLuaText

/// A scanned item described as plain values (its spec points into the scanned bytes).
private struct Scanned: Equatable {
    var form: String
    var conversion: UInt8
    var next: Int
    var hasModifiers: Bool
    var hasPrecision: Bool
}

private func scan(_ f: String) -> Result<Scanned, TextError> {
    let b = Array(f.utf8)
    return b.withUnsafeBufferPointer { fb in
        do throws(TextError) {
            let item = try StringFormat.scan(fb, at: 0)
            return .success(
                Scanned(
                    form: String(decoding: item.form, as: UTF8.self), conversion: item.conversion, next: item.next,
                    hasModifiers: item.hasModifiers, hasPrecision: item.hasPrecision))
        } catch { return .failure(error) }
    }
}

/// Formats one value with the item scanned from `f` (kept alive while formatting).
private func format(_ f: String, _ body: (FormatItem, inout [UInt8]) -> Void) -> String {
    let b = Array(f.utf8)
    var out: [UInt8] = []
    b.withUnsafeBufferPointer { fb in
        let item = try! StringFormat.scan(fb, at: 0)
        body(item, &out)
    }
    return String(decoding: out, as: UTF8.self)
}

private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

@Suite struct StringFormatTests {
    @Test func scanning() throws {
        let item = try scan("-5.2fxyz").get()
        #expect(item.form == "%-5.2f")
        #expect(item.conversion == UInt8(ascii: "f"))
        #expect(item.next == 5)
        #expect(item.hasModifiers && item.hasPrecision)
        let plain = try scan("s").get()
        #expect(!plain.hasModifiers)
        #expect(scan("------d") == .failure(TextError("invalid format (repeated flags)")))
        #expect(scan("100d") == .failure(TextError("invalid format (width or precision too long)")))
        #expect(scan("1.100f") == .failure(TextError("invalid format (width or precision too long)")))
        #expect(StringFormat.invalidOption(UInt8(ascii: "y")).message == "invalid option '%y' to 'format'")
        #expect(StringFormat.invalidOption(0).message == "invalid option '%<\\0>' to 'format'")
    }

    @Test func items() throws {
        #expect(format("5d") { StringFormat.appendInteger($0, 42, to: &$1) } == "   42")
        #expect(format("x") { StringFormat.appendInteger($0, -1, to: &$1) } == "ffffffffffffffff")
        #expect(format(".3f") { StringFormat.appendFloat($0, 3.14159, to: &$1) } == "3.142")
        #expect(format("g") { StringFormat.appendFloat($0, 1e20, to: &$1) } == "1e+20")
        #expect(format("c") { StringFormat.appendCharacter($0, 65, to: &$1) } == "A")
        #expect(format("-4c") { StringFormat.appendCharacter($0, 66, to: &$1) } == "B   ")
        let ab = Array("abc".utf8)
        #expect(format("5.2s") { item, out in ab.withUnsafeBufferPointer { StringFormat.appendString(item, $0, to: &out) } } == "   ab")
    }

    @Test func quoting() {
        var out: [UInt8] = []
        Array("a\"b\\\n\r\u{0}1\u{7F}".utf8).withUnsafeBufferPointer { StringFormat.appendQuoted($0, to: &out) }
        #expect(text(out) == "\"a\\\"b\\\\\\\n\\13\\0001\\127\"")
        out = []
        StringFormat.appendQuotedInteger(Int64.min, to: &out)
        out.append(32)
        StringFormat.appendQuotedFloat(0.5, to: &out)
        #expect(text(out) == "0x8000000000000000 0x1p-1")
    }
}

private func details(_ f: String) throws(TextError) -> [(PackOption, Int, Int)] {
    let b = Array(f.utf8)
    return try b.withUnsafeBufferPointer { (fb) throws(TextError) -> [(PackOption, Int, Int)] in
        var r = PackFormat(fb)
        var total = 0
        var result: [(PackOption, Int, Int)] = []
        while !r.atEnd {
            let d = try r.next(totalSize: total)
            total += d.size + d.padding
            result.append((d.option, d.size, d.padding))
        }
        return result
    }
}

private func packError(_ f: String) -> TextError? {
    do {
        _ = try details(f)
        return nil
    } catch {
        return error
    }
}

@Suite struct PackFormatTests {
    @Test func options() throws {
        // X takes its alignment from (and consumes) the next option: string.packsize gives 12
        let d = try details("<i4!4bhxXi8")
        #expect(d.map { $0.0 } == [.none, .int, .none, .int, .int, .padding, .alignPadding])
        #expect(d.map { $0.1 } == [0, 4, 0, 1, 2, 1, 0])
        // after b (offset 5) h needs 1 byte of padding; X at 9 aligns to 4 (max alignment 4)
        #expect(d.map { $0.2 } == [0, 0, 0, 0, 1, 0, 3])
    }

    @Test func errors() {
        #expect(packError("i17") == TextError("integral size (17) out of limits [1,16]"))
        #expect(packError("c") == TextError("missing size for format option 'c'"))
        #expect(packError("y") == TextError("invalid format option 'y'"))
        #expect(packError("X") == TextError("invalid next option for option 'X'", argument: 1))
        #expect(packError("Xc1") == TextError("invalid next option for option 'X'", argument: 1))
        #expect(packError("!3i4") == TextError("format asks for alignment not power of 2", argument: 1))
    }

    @Test func integersAndFloats() throws {
        var out: [UInt8] = []
        PackFormat.appendInteger(UInt64(bitPattern: -2), size: 10, littleEndian: false, negative: true, to: &out)
        #expect(out == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
        try out.withUnsafeBufferPointer { (b) throws(TextError) in
            #expect(try PackFormat.readInteger(b, at: 0, size: 10, littleEndian: false, signed: true) == -2)
            #expect(throws: TextError.self) { try PackFormat.readInteger(b, at: 0, size: 10, littleEndian: false, signed: false) }
            #expect(try PackFormat.readInteger(b, at: 8, size: 2, littleEndian: false, signed: true) == -2)
            #expect(try PackFormat.readInteger(b, at: 8, size: 2, littleEndian: false, signed: false) == 0xFFFE)
        }
        out = []
        PackFormat.appendFloat(1.5, size: 4, littleEndian: true, to: &out)
        PackFormat.appendFloat(-0.25, size: 8, littleEndian: false, to: &out)
        out.withUnsafeBufferPointer { b in
            #expect(PackFormat.readFloat(b, at: 0, size: 4, littleEndian: true) == 1.5)
            #expect(PackFormat.readFloat(b, at: 4, size: 8, littleEndian: false) == -0.25)
        }
    }
}

@Suite struct UTF8TextTests {
    @Test func roundTrip() {
        for code: UInt32 in [0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF] {
            var out: [UInt8] = []
            UTF8Text.encode(code, to: &out)
            out.withUnsafeBufferPointer { b in
                let d = UTF8Text.decode(b, at: 0)
                #expect(d?.code == code)
                #expect(d?.next == out.count)
            }
        }
    }

    @Test func invalid() {
        for bad: [UInt8] in [[0xFF], [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3]] {
            bad.withUnsafeBufferPointer { #expect(UTF8Text.decode($0, at: 0) == nil) }
        }
    }
}
