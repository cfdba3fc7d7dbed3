import FlashLuaText
import Testing

@testable import FlashLuaBytecode
@testable import FlashLuaCompiler

// Expected bytes and values below were produced by NodeMCU's luac.cross (scripts/build-luac-cross.sh)
// on the same sources and read back with tests/nodemcu-formats/decode.py.

private func compiled(_ source: String, _ numbers: NumberModel = .int32Float, name: String = "=t") throws -> FunctionDescription {
    try compile(Array(source.utf8), chunkName: Array(name.utf8), numbers: numbers)
}

/// A module with nested functions, upvalues, locals, every constant kind and multi-line code.
private let sampleSource = """
    local M, floor = {}, math.floor
    local count = 0
    function M.add(a, b)
      count = count + 1
      return a + b, "sum", 1.5, -7, 100000, nil, true, false
    end
    function M.run(t)
      for i, v in ipairs(t) do
        if not v then print(i) elseif v > 0x7fffffff then error("big") end
      end
      local s = ""
      for k = 1, 3 do s = s .. tostring(k) end
      return function() return s, count, floor(2.5) end
    end
    return M
    """

/// Every prefix of `bytes` is an error, and every single-byte corruption either an error or a
/// loaded (verified) result: never a trap.
private func expectRobust(_ bytes: [UInt8], _ load: (UnsafeBufferPointer<UInt8>) throws(ChunkLoadError) -> Void) {
    for n in 0..<bytes.count {
        let cut = Array(bytes.prefix(n))
        #expect(throws: ChunkLoadError.self) { try cut.withUnsafeBufferPointer { b throws(ChunkLoadError) in try load(b) } }
    }
    for n in 0..<bytes.count {
        var flipped = bytes
        flipped[n] ^= 0xFF
        _ = try? flipped.withUnsafeBufferPointer { b throws(ChunkLoadError) in try load(b) }
    }
}

struct NodeMCUFoldingTests {
    @Test func foldsAs32BitLuacCross() throws {
        let f = try compiled(
            "return 0x7fffffff + 1, 2^31, 1 << 32, 16777217.0, 3000000000, 7 // 0.0, -0x80000000 // -1, "
                + "5.5 % 2, 1 >> -31, ~0x7fffffff, 2^0.5, 0x100000000\n")
        #expect(
            f.constants == [
                .integer(-2_147_483_648), .float(2_147_483_648.0), .integer(0), .float(16_777_216.0),
                .float(3_000_000_000.0), .float(0.0), .integer(7), .float(1.5), .float(Double(Float(1.4142135381698608))),
            ])
    }

    @Test func foldsAs64BitLuacCross() throws {
        let f = try compiled(
            "return 0x7fffffff + 1, 2^31, 1 << 32, 16777217.0, 3000000000, 7 // 0.0, -0x80000000 // -1, "
                + "5.5 % 2, 1 >> -31, ~0x7fffffff, 2^0.5, 0x100000000\n", .int64Double)
        #expect(
            f.constants == [
                .integer(2_147_483_648), .float(2_147_483_648.0), .integer(4_294_967_296), .float(16_777_217.0),
                .integer(3_000_000_000), .float(0.0), .integer(7), .float(1.5), .integer(-2_147_483_648),
                .float(1.4142135623730951),
            ])
    }

    @Test func doesNotFoldWhatCouldFail() throws {
        // Division by zero, bitwise on a float without an exact 32-bit value, -0 and NaN results.
        let operations: [Opcode] = [.idiv, .mod, .bor, .band, .unm, .div]
        for source in ["return 1 // 0", "return 1 % 0", "return 2^31 | 0", "return 1.5 & 1", "return -(0.0)", "return 0/0"] {
            let f = try compiled(source)
            #expect(f.code.contains { $0.opcode.map(operations.contains) == true }, "\(source) should not fold")
        }
        // 2^31 is exact but outside int32: no fold; 2^30 folds to an integer.
        #expect(try compiled("return 2^30 | 0").constants == [.integer(1 << 30)])
    }
}

struct PackedLineInfoTests {
    /// (source, luac.cross's packed line info of the main function, its decoded lines).
    static let cases: [(String, [UInt8], [Int32])] = [
        // The undo path after a two-byte delta: lcode.c keeps only the first byte's delta, so
        // the decoded lines are off (NodeMCU's bug, reproduced).
        ("local y = 1\nx = -\n" + String(repeating: "\n", count: 70) + "y\n", [0x01, 0xFF, 0x01, 0x85, 0x81, 0x02, 0x00], [1, -62, 9, 9]),
        // A call whose arguments span lines: the CALL moves back to line 1 (negative delta).
        ("f(\n1,\n2,\ng)\n", [0x01, 0x01, 0x01, 0x01, 0xC3, 0x01, 0x81, 0x01, 0x00], [1, 2, 3, 4, 1, 4]),
        // 127 instructions on one line, then LD:0.
        ("local a = 1 " + String(repeating: "a = a + 1 ", count: 130) + "\n", [0x7F, 0xC0, 0x05, 0x00], Array(repeating: 1, count: 132)),
        // jumponcond drops the NOT (pc--) and the TEST re-adds its pc.
        ("local a, b\nif not\na then b = 1 end\n", [0x01, 0x80, 0x04, 0x00], [1, 3, 3, 3, 3]),
        // Deltas of 200 and 9000 lines: multi-byte LDs.
        (
            "local a = 1\n" + String(repeating: "\n", count: 200) + "a = 2\n" + String(repeating: "\n", count: 9000) + "a = 3\n",
            [0x01, 0x87, 0x83, 0x01, 0xA7, 0x8C, 0x81, 0x02, 0x00], [1, 202, 9203, 9203]
        ),
    ]

    @Test func compilerMatchesLuacCross() throws {
        for (source, packed, lines) in PackedLineInfoTests.cases {
            let f = try compiled(source)
            #expect(f.packedLineInfo == packed)
            #expect(PackedLineInfo.decode(packed, codeCount: f.code.count) == lines)
        }
    }

    @Test func packedInfoDecodesToTheCompilersLines() throws {
        let f = try compiled(sampleSource)
        func check(_ f: FunctionDescription) {
            #expect(PackedLineInfo.decode(f.packedLineInfo ?? [], codeCount: f.code.count) == f.lineInfo)
            f.protos.forEach(check)
        }
        check(f)
    }

    @Test func packerRoundTripsAnyLines() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var line: Int32 = Int32.random(in: 0...5, using: &generator)
            var lines: [Int32] = []
            for _ in 0..<Int.random(in: 1...400, using: &generator) {
                if Bool.random(using: &generator) { line += Int32.random(in: -70...20000, using: &generator) }
                lines.append(line)
            }
            #expect(PackedLineInfo.decode(PackedLineInfo.pack(lines), codeCount: lines.count) == lines)
        }
    }

    @Test func decoderRejectsMismatchedCounts() {
        #expect(PackedLineInfo.decode([0x02, 0x00], codeCount: 3) == nil)
        #expect(PackedLineInfo.decode([0x05, 0x00], codeCount: 3) == nil)
        #expect(PackedLineInfo.decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], codeCount: 1) == nil)
    }
}

struct NodeMCUChunkTests {
    @Test func roundTripsBothModels() throws {
        for numbers in [NumberModel.int32Float, .int64Double] {
            let f = try compiled(sampleSource, numbers, name: "@sample.lua")
            let bytes = try NodeMCUChunk.dump(f, numbers: numbers, strip: .none)
            let loaded = try bytes.withUnsafeBufferPointer { b throws(ChunkLoadError) in
                try NodeMCUChunk.undump(b, chunkName: Array("@sample.lc".utf8))
            }
            #expect(loaded.numbers == numbers)
            #expect(loaded.function == f)
            // As luac.cross compiles (strip level 1) and with -s.
            let asCompiled = LuacCross.strippedAsCompiled(f)
            let strippedBytes = try NodeMCUChunk.dump(asCompiled, numbers: numbers, strip: .locals)
            let strippedLoaded = try strippedBytes.withUnsafeBufferPointer { b throws(ChunkLoadError) in
                try NodeMCUChunk.undump(b, chunkName: Array("=s".utf8))
            }
            #expect(strippedLoaded.function == asCompiled)
        }
    }

    @Test func headerIsLuacCross() throws {
        let f = try compiled("return 1")
        let bytes = try NodeMCUChunk.dump(f, numbers: .int32Float, strip: .none)
        // "\eLua", 0x53, format 10, LUAC_DATA, sizes 4 4 4 4, LUAU_TNUMFLT then 370.5f.
        #expect(
            Array(bytes.prefix(21)) == [
                0x1B, 0x4C, 0x75, 0x61, 0x53, 0x0A, 0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A, 4, 4, 4, 4, 0x20, 0x00, 0x40, 0xB9, 0x43,
            ])
    }

    @Test func integerOutsideTheModelIsRefused() throws {
        var f = try compiled("return 1", .int64Double)
        f.constants = [.integer(1 << 40)]
        #expect(throws: NodeMCUDumpError("value too big or small for target integer type")) {
            try NodeMCUChunk.dump(f, numbers: .int32Float, strip: .none)
        }
    }

    @Test func errorsReadAsLundump() throws {
        let bytes = try NodeMCUChunk.dump(try compiled("return 1"), numbers: .int32Float, strip: .none)
        func message(_ b: [UInt8]) -> String {
            do {
                _ = try b.withUnsafeBufferPointer { p throws(ChunkLoadError) in try NodeMCUChunk.undump(p, chunkName: Array("@x.lc".utf8)) }
                return "loaded"
            } catch {
                return String(decoding: error.message, as: UTF8.self)
            }
        }
        #expect(message(Array(bytes.prefix(30))) == "x.lc: truncated precompiled chunk")
        var wrongFormat = bytes
        wrongFormat[5] = 0
        #expect(message(wrongFormat) == "x.lc: format mismatch in precompiled chunk")
        var wrongSize = bytes
        wrongSize[14] = 2
        #expect(message(wrongSize) == "x.lc: lua_Integer size mismatch in precompiled chunk")
    }

    @Test func everyTruncationAndByteFlipIsAnErrorNotATrap() throws {
        for numbers in [NumberModel.int32Float, .int64Double] {
            let bytes = try NodeMCUChunk.dump(try compiled(sampleSource, numbers), numbers: numbers, strip: .none)
            expectRobust(bytes) { b throws(ChunkLoadError) in _ = try NodeMCUChunk.undump(b, chunkName: []) }
        }
    }
}

struct LFSImageTests {
    static func modules(_ sources: [(String, String)], _ numbers: NumberModel = .int32Float) throws -> [FunctionDescription] {
        try sources.map { (file, text) in LuacCross.strippedAsCompiled(try compiled(text, numbers, name: "@" + file)) }
    }

    static func image(
        _ modules: [FunctionDescription], _ numbers: NumberModel = .int32Float, limits: LFSLimits = LFSLimits(), maxSize: Int = 0x40000
    ) throws(NodeMCUDumpError) -> [UInt8] {
        let names = modules.map { LuacCross.moduleName(source: $0.source ?? []) }
        let main = LuacCross.combine(modules, namesAndTimestamp: (names, 1_700_000_000))
        return try LFSImageWriter(numbers: numbers, strip: .none).write(main, limits: limits, maxImageSize: maxSize)
    }

    @Test func moduleNamesAreCorename() {
        #expect(LuacCross.moduleName(source: Array("@lua_modules/ds18b20/ds18b20.lua".utf8)) == Array("ds18b20".utf8))
        #expect(LuacCross.moduleName(source: Array("@./..hidden.x.lua".utf8)) == Array("hidden".utf8))
        #expect(LuacCross.moduleName(source: Array("@a\\b.lua".utf8)) == Array("b".utf8))
    }

    @Test func writtenImageReadsBack() throws {
        for numbers in [NumberModel.int32Float, .int64Double] {
            let mods = try LFSImageTests.modules(
                [("lib/sample.lua", sampleSource), ("b.lua", "return 'b', 2^31, 'thread', 'proto', 'userdata', 'nil'")], numbers)
            let bytes = try LFSImageTests.image(mods, numbers)
            let file = try bytes.withUnsafeBufferPointer { b throws(ChunkLoadError) in
                try LFSImageFile.read(b, name: Array("@lfs.img".utf8))
            }
            #expect(file.numbers == numbers)
            #expect(file.timestamp == 1_700_000_000)
            #expect(file.modules.map(\.name) == [Array("sample".utf8), Array("b".utf8)])
            // Fixed strings are referred to where the chip stores them: after the image's own
            // strings, "thread" at the 71st place (the chip stores "userdata" twice).
            let thread = try #require(
                LFSStringTable(LuacCross.combine(mods, namesAndTimestamp: (file.modules.map { $0.name }, 0))).index[Array("thread".utf8)])
            #expect(thread == file.strings.count + 71)
            var expected = mods
            for i in expected.indices { expected[i].upvalues[0].inStack = false }
            #expect(file.modules.map(\.function) == expected)
            #expect(file.strings.first == Array("=(luac.cross)".utf8))
            // Deterministic: the same input gives the same image (seed included).
            #expect(try LFSImageTests.image(mods, numbers) == bytes)
        }
    }

    @Test func everyTruncationAndByteFlipIsAnErrorNotATrap() throws {
        for numbers in [NumberModel.int32Float, .int64Double] {
            let modules = try LFSImageTests.modules([("sample.lua", sampleSource), ("b.lua", "return 1")], numbers)
            expectRobust(try LFSImageTests.image(modules, numbers)) { b throws(ChunkLoadError) in _ = try LFSImageFile.read(b, name: []) }
        }
    }

    @Test func checksLuacCrossLeavesOut() throws {
        let small = try LFSImageTests.modules([("a.lua", "return 1")])
        // More than 255 modules.
        let many = try LFSImageTests.modules((0...255).map { ("m\($0).lua", "return \($0)") })
        #expect(throws: NodeMCUDumpError.self) { try LFSImageTests.image(many) }
        do {
            _ = try LFSImageTests.image(many)
        } catch {
            #expect(error.message.hasPrefix("256 modules: an LFS image holds at most 255"))
        }
        // The expanded size against -m.
        do {
            _ = try LFSImageTests.image(small, maxSize: 1024)
            Issue.record("no size error")
        } catch {
            #expect(error.message.contains("expands to") && error.message.contains("-m limit of 1024"))
        }
        // The loader's heap for a long string.
        var limits = LFSLimits()
        limits.loaderHeapBytes = 1000
        let long = try LFSImageTests.modules([("long.lua", "return '" + String(repeating: "x", count: 2000) + "'")])
        do {
            _ = try LFSImageTests.image(long, limits: limits)
            Issue.record("no heap error")
        } catch {
            #expect(error.message.contains("2000 bytes in module 'long'"))
        }
        // Duplicate names, as luac.cross words it.
        let twins = try LFSImageTests.modules([("a/same.lua", "return 1"), ("b/same.lua", "return 2")])
        #expect(throws: NodeMCUDumpError("Cannot have duplicate files ('same.lua') in LFS")) { try LFSImageTests.image(twins) }
        // An integer that does not fit the 32-bit model (as a 64-bit .lc may carry).
        var wide = try LFSImageTests.modules([("wide.lua", "return 1")], .int64Double)
        wide[0].constants = [.integer(1 << 40)]
        do {
            _ = try LFSImageTests.image(wide)
            Issue.record("no integer error")
        } catch {
            #expect(error.message.hasPrefix("module 'wide': integer 1099511627776"))
        }
    }

    @Test func expandedSizeFollowsLundumpStores() throws {
        // Worked out by hand from lundump.c's stores on the ESP8266 (each rounded to 4 bytes):
        // LFSHeader 48; the image's strings "=(luac.cross)", "a", "@a.lua": (16 + 16) + (16 + 4)
        // + (16 + 8) = 76; the 72 fixed strings the chip stores: 1700; the ROstrt for 74 short
        // strings: 128 slots = 512; the module: code 8 (its RETURN and the closing one), one
        // upvalue 8, line info [2, 0] 4, Proto 76 = 96; the ROTable: 2 entries of 12 and its
        // 16-byte header = 40. Sum 2472.
        let image = try LFSImageTests.image(try LFSImageTests.modules([("a.lua", "return")]))
        let file = try image.withUnsafeBufferPointer { b throws(ChunkLoadError) in try LFSImageFile.read(b, name: []) }
        #expect(file.expandedFlashSize == 2472)
        // And -m is checked against that size, not the file's.
        #expect(throws: NodeMCUDumpError.self) {
            try LFSImageTests.image(try LFSImageTests.modules([("a.lua", "return")]), maxSize: 2471)
        }
        _ = try LFSImageTests.image(try LFSImageTests.modules([("a.lua", "return")]), maxSize: 2472)
    }

    @Test func reorderIsLuacCross() {
        let files = ["x.lua", "y.lua", "/__"].map { Array($0.utf8) }
        // luac.cross's shift copies the first entry forward: [__, x, x].
        #expect(LuacCross.reorder(files) == ["/__", "x.lua", "x.lua"].map { Array($0.utf8) })
    }
}
