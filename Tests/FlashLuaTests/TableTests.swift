import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// The table implementation directly: array/hash parts, rehash, borders, traversal.
@Suite struct TableTests {
    @Test func integerKeysMoveToTheArrayPart() throws {
        let L = try LuaState(bare: Int.max)
        let t = try L.newTable()
        for i in 1...1000 { try L.rawSet(t, Value(Int64(i)), Value(Int64(i * 2))) }
        #expect(t.arraySize >= 1000)
        #expect(t.arraySize < 2048)
        for i in 1...1000 { #expect(L.rawGet(t, Value(Int64(i))).integer == Int64(i * 2)) }
        #expect(t.length() == 1000)
    }

    @Test func mixedKeysSurviveManyResizes() throws {
        let L = try LuaState(bare: Int.max)
        let t = try L.newTable()
        var keys: [Value] = []
        for i in 0..<3000 {
            let k: Value
            switch i % 4 {
            case 0: k = Value(Int64(i * 7 - 5000))
            case 1: k = Value(try L.newString("key\(i)"))
            case 2: k = Value(Double(i) + 0.5)
            default: k = Value(try L.newString(String(repeating: "long", count: 12) + "\(i)"))
            }
            keys.append(k)
            try L.rawSet(t, k, Value(Int64(i)))
        }
        for (i, k) in keys.enumerated() { #expect(L.rawGet(t, k).integer == Int64(i)) }
        // Remove every other key, then traverse: exactly the rest, once each.
        for (i, k) in keys.enumerated() where i % 2 == 0 { try L.rawSet(t, k, .nil) }
        var seen = 0
        var key = Value.nil
        while let (k, v) = try t.next(after: key, in: L) {
            #expect(v.integer % 2 == 1)
            seen += 1
            key = k
        }
        #expect(seen == 1500)
    }

    @Test func floatKeysWithIntegerValuesAreIntegers() throws {
        let L = try LuaState(bare: Int.max)
        let t = try L.newTable()
        try L.rawSet(t, Value(3.0), Value(true))
        #expect(L.rawGet(t, Value(Int64(3))).boolean)
        #expect(throws: LuaError.self) { try L.rawSet(t, Value(Double.nan), .true) }
        #expect(throws: LuaError.self) { try L.rawSet(t, .nil, .true) }
    }

    @Test func borderWithHoles() throws {
        let L = try LuaState(bare: Int.max)
        let t = try L.newTable(arraySize: 8, hashSize: 0)
        for i in 1...5 { try L.rawSet(t, Value(Int64(i)), .true) }
        #expect(t.length() == 5)
        try L.rawSet(t, Value(Int64(3)), .nil)
        let n = t.length()
        #expect(n == 2 || n == 5)
    }

    @Test func longStringKeysCompareByContent() throws {
        let L = try LuaState(bare: Int.max)
        let t = try L.newTable()
        let text = String(repeating: "x", count: 100)
        try L.rawSet(t, Value(try L.newString(text)), Value(Int64(1)))
        #expect(L.rawGet(t, Value(try L.newString(text))).integer == 1)
    }

    @Test func shortStringsAreInterned() throws {
        let L = try LuaState(bare: Int.max)
        let a = try L.newString("hello")
        let b = try L.newString(Array("hello".utf8))
        #expect(a.raw == b.raw)
    }
}
