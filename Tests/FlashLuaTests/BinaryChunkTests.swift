import FlashLuaBytecode
import FlashLuaCompiler
import Foundation
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// Binary chunks: byte compatibility with luac5.3, and robustness against corrupted input.
@Suite struct BinaryChunkTests {
    static let sources: [String] = [
        "local a, b = 1, 2.5 print(a + b, 'x' .. a) return a",
        """
        local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
        local t = {}
        for i = 1, 10 do t[#t + 1] = fib(i) end
        for k, v in ipairs(t) do t[k] = v * 2 end
        goto done
        ::done::
        return table.concat and #t or t[10]
        """,
        """
        local up = 0
        local function counter() up = up + 1; return up end
        local s = setmetatable({}, { __index = function(t, k) return k .. '!' end })
        local r = {}
        while up < 5 do r[#r + 1] = counter() end
        repeat up = up - 1 until up <= 0
        return s.x, #r, (...)
        """,
    ]

    /// Compiles with the reference compiler into bytes.
    static func luac(_ source: String, strip: Bool) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flashlua-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("t.lua")
        let out = dir.appendingPathComponent("t.luac")
        try source.write(to: src, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/luac5.3")
        p.arguments = (strip ? ["-s"] : []) + ["-o", out.path, src.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return Array(try Data(contentsOf: out))
    }

    @Test func undumpThenDumpReproducesLuacBytes() throws {
        for source in Self.sources {
            for strip in [false, true] {
                let bytes = try Self.luac(source, strip: strip)
                let f = try bytes.withUnsafeBufferPointer { b in try BinaryChunk.undump(b, chunkName: Array("=t".utf8)) }
                #expect(BinaryChunk.dump(f, strip: strip) == bytes)
            }
        }
    }

    @Test func truncatedChunksAreRejected() throws {
        let bytes = try Self.luac(Self.sources[1], strip: false)
        for cut in stride(from: 0, to: bytes.count - 1, by: 7) {
            let prefix = Array(bytes[0..<cut])
            do {
                _ = try prefix.withUnsafeBufferPointer { b throws(ChunkLoadError) in try BinaryChunk.undump(b, chunkName: Array("=t".utf8))
                }
                Issue.record("accepted a chunk cut at \(cut)")
            } catch {
                let message = String(decoding: error.message, as: UTF8.self)
                #expect(message.hasPrefix("t: "))
            }
        }
    }

    /// Programs whose dumps seed the mutation fuzz: together they use every opcode of 5.3.
    static let fuzzSources: [String] =
        sources + [
            """
            local function va(...) local n = select('#', ...) return n, ... end
            local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
            local fs = {}
            for i = 1, 4 do fs[i] = function(x) return x * i end end
            local p = table.pack(va(1, nil, 3))
            local t = {va(fs[2](3), fs[4](1.5))}
            return tail(20, 0), p.n, #t, table.unpack(t, 1, 2)
            """,
            """
            local gen = coroutine.wrap(function(a) for i = 1, 3 do a = a + coroutine.yield(i) end return a end)
            local s = gen(10)
            for i = 1, 3 do s = s + (gen(i) or 0) end
            local co = coroutine.create(function(x) local ok, e = pcall(error, {x}) coroutine.yield(e[1]) error("late") end)
            local r1 = {coroutine.resume(co, 7)}
            local r2 = {coroutine.resume(co)}
            return s, r1[2], r2[1], coroutine.status(co), pcall(coroutine.yield)
            """,
            """
            local s = string.format("%d-%5.2f-%s-%q", 42, 3.14159, "x", "a\\n")
            local n = 0
            local r = s:gsub("%d", function(d) n = n + 1 return "<" .. d .. ">" end)
            local a, b = 7 // 2, 7.5 // 2
            local bits = (0xF0 | 0x0F) ~ (1 << 4) & ~0 >> 1
            local f = 0
            for x = 1.0, 2.0, 0.25 do f = f + x end
            local cmp = ("abc" < "abd") and (1 <= 1.0) and not (2 > 3)
            return r, n, a, b, bits, f, cmp, #s, s:find("-", 1, true), -a, 2 ^ 10, 10 % 3, 5.5 % 2
            """,
            """
            local Point = {}
            Point.__index = Point
            function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
            function Point:len() return math.sqrt(self.x * self.x + self.y * self.y) end
            Point.__add = function(p, q) return Point.new(p.x + q.x, p.y + q.y) end
            Point.__eq = function(p, q) return p.x == q.x and p.y == q.y end
            Point.__lt = function(p, q) return p:len() < q:len() end
            Point.__le = function(p, q) return p:len() <= q:len() end
            Point.__concat = function(p, s) return "P" .. tostring(s) end
            Point.__len = function() return 2 end
            Point.__call = function(p, k) return p[k] end
            Point.__unm = function(p) return Point.new(-p.x, -p.y) end
            local a, b = Point.new(3, 4), Point.new(1, 1)
            local c = a + b
            local big = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
              26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52}
            local keys = 0
            for k, v in pairs({a = 1, b = 2, 3}) do keys = keys + 1 end
            return c:len(), a == b, a < b, a <= b, a .. "s", #a, a("x"), (-a).y, #big, keys, rawlen(big)
            """,
        ]

    /// Where the fields of a dumped chunk are (lundump.c's layout), so that mutations can aim at
    /// sizes, counts and instruction operands instead of only random bytes.
    struct ChunkLayout {
        enum Kind { case byte, int32, count, instruction, value64, stringSize }
        var fields: [(offset: Int, kind: Kind)] = []
        private var bytes: [UInt8]
        private var position = 33  // after the header

        init?(_ bytes: [UInt8]) {
            self.bytes = bytes
            fields.append((position, .byte))  // upvalue count of the main closure
            position += 1
            guard (try? function()) != nil else { return nil }
        }

        private mutating func field(_ kind: Kind, size: Int) throws -> Int {
            guard position + size <= bytes.count else { throw CancellationError() }
            fields.append((position, kind))
            var v = 0
            if size == 4 {
                v = Int(
                    Int32(
                        bitPattern: UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position + 2]) << 16 | UInt32(
                            bytes[position + 3]) << 24))
            }
            if size == 1 { v = Int(bytes[position]) }
            position += size
            return v
        }

        private mutating func string() throws {
            let n = try field(.stringSize, size: 1)
            if n == 0 { return }
            guard n != 0xFF else { throw CancellationError() }  // long strings are not in the seeds
            position += n - 1
        }

        private mutating func function() throws {
            try string()
            _ = try field(.int32, size: 4)
            _ = try field(.int32, size: 4)
            for _ in 0..<3 { _ = try field(.byte, size: 1) }
            for _ in 0..<(try field(.count, size: 4)) { _ = try field(.instruction, size: 4) }
            for _ in 0..<(try field(.count, size: 4)) {
                switch try field(.byte, size: 1) {
                case 1: _ = try field(.byte, size: 1)
                case 3, 0x13: _ = try field(.value64, size: 8)
                case 4, 0x14: try string()
                default: break
                }
            }
            for _ in 0..<(try field(.count, size: 4)) {
                _ = try field(.byte, size: 1)
                _ = try field(.byte, size: 1)
            }
            for _ in 0..<(try field(.count, size: 4)) { try function() }
            for _ in 0..<(try field(.count, size: 4)) { _ = try field(.int32, size: 4) }
            for _ in 0..<(try field(.count, size: 4)) {
                try string()
                _ = try field(.int32, size: 4)
                _ = try field(.int32, size: 4)
            }
            for _ in 0..<(try field(.count, size: 4)) { try string() }
        }
    }

    static func putInt32(_ chunk: inout [UInt8], _ offset: Int, _ v: UInt32) {
        for k in 0..<4 { chunk[offset + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    }

    static func getInt32(_ chunk: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(chunk[offset + $1]) << (8 * UInt32($1)) }
    }

    /// One mutation aimed at a field of the chunk: a count or size set to a boundary or random
    /// value, an instruction with another opcode or operand, a byte field changed.
    static func mutateField(_ chunk: inout [UInt8], _ layout: ChunkLayout, _ rng: inout SplitMix64) {
        let (offset, kind) = layout.fields[Int(rng.next() % UInt64(layout.fields.count))]
        let r = rng.next()
        let size = [ChunkLayout.Kind.byte: 1, .stringSize: 1, .value64: 8][kind] ?? 4
        guard offset + size <= chunk.count else { return }  // the chunk got shorter
        switch kind {
        case .byte, .stringSize:
            let v = chunk[offset]
            let choices: [UInt8] = [0, 1, 2, 0xFF, 0xFE, v &+ 1, v &- 1, UInt8(truncatingIfNeeded: r >> 8), v ^ 0x80]
            chunk[offset] = choices[Int(r % UInt64(choices.count))]
        case .count, .int32:
            let v = getInt32(chunk, offset)
            let choices: [UInt32] = [
                0, 1, v &+ 1, v &- 1, v &* 2, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, UInt32(truncatingIfNeeded: r >> 16), v &+ 1000,
            ]
            putInt32(&chunk, offset, choices[Int(r % UInt64(choices.count))])
        case .instruction:
            var i = getInt32(chunk, offset)
            let operand = UInt32(truncatingIfNeeded: r >> 20)
            switch (r >> 4) % 7 {
            case 0: i = (i & ~0x3F) | (operand % 64)  // opcode, including invalid ones
            case 1: i = (i & ~(0xFF << 6)) | ((operand & 0xFF) << 6)  // A
            case 2: i = (i & ~(0x1FF << 23)) | ((operand % 0x200) << 23)  // B
            case 3: i = (i & ~(0x1FF << 14)) | ((operand % 0x200) << 14)  // C
            case 4: i = (i & 0x3FFF) | ((operand & 0x3FFFF) << 14)  // Bx / sBx
            case 5: i = (i & 0x3FFF) | ([0, 0x1FFFF, 0x20000, 0x3FFFF, 0x1FFFE][Int(operand % 5)] << 14)  // sBx edges
            default: i ^= 1 << (operand % 32)
            }
            putInt32(&chunk, offset, i)
        case .value64:
            chunk[offset + Int(r % 8)] = UInt8(truncatingIfNeeded: r >> 32)
        }
    }

    /// A fresh state for running mutated chunks: coroutines get the same instruction budget as
    /// the main thread and the debug library is gone, so no program can escape the budget.
    static func fuzzState(budget: Int) throws -> LuaState {
        let L = try LuaState(heapLimit: 1 << 20)
        L.writeOutput = { _ in }
        try L.setField(L.globals, "FUZZHOOK", try L.budgetHook())
        let prelude = """
            local hook, budget = FUZZHOOK, \(budget)
            FUZZHOOK = nil
            local create, resume, sethook, pack, unpack = coroutine.create, coroutine.resume, debug.sethook, table.pack, table.unpack
            coroutine.create = function(f) local co = create(f) sethook(co, hook, "", budget) return co end
            coroutine.wrap = function(f)
              local co = coroutine.create(f)
              return function(...)
                local r = pack(resume(co, ...))
                if r[1] then return unpack(r, 2, r.n) end
                error(r[2], 0)
              end
            end
            debug = nil
            package.loaded.debug = nil
            """
        let f = try Array(prelude.utf8).withUnsafeBufferPointer { b throws(LuaError) in try L.load(b, chunkName: Array("=prelude".utf8)) }
        _ = try L.callProtected(Value(f), [])
        return L
    }

    /// Mutated chunks (byte changes, truncations, inserted and deleted bytes, field-targeted
    /// changes of sizes, counts and operands) go through `load` of the runtime: each must be
    /// refused with an error or run without crashing (an instruction budget stops endless loops).
    /// FLASHLUA_FUZZ_ITERATIONS overrides the count.
    @Test func mutatedChunksNeverCrash() throws {
        var seeds: [([UInt8], ChunkLayout)] = []
        for source in Self.fuzzSources {
            let f = try compile(Array(source.utf8), chunkName: Array("=seed".utf8))
            for strip in [false, true] {
                let bytes = BinaryChunk.dump(f, strip: strip)
                let layout = try #require(ChunkLayout(bytes))
                seeds.append((bytes, layout))
            }
        }
        let iterations = Int(ProcessInfo.processInfo.environment["FLASHLUA_FUZZ_ITERATIONS"] ?? "") ?? 100_000
        let budget = 2_000
        var rng = SplitMix64(seed: 0x5EED)
        var L = try Self.fuzzState(budget: budget)
        var accepted = 0
        var completed = 0
        var unexpected = 0
        let chunkName = Array("=fuzz".utf8)
        for n in 0..<iterations {
            let (seed, layout) = seeds[n % seeds.count]
            var chunk = seed
            // Field-targeted changes first (the layout's offsets hold until bytes move).
            for _ in 0..<Int(rng.next() % 3) { Self.mutateField(&chunk, layout, &rng) }
            for _ in 0..<Int(rng.next() % 3) {
                let i = Int(rng.next() % UInt64(chunk.count))
                switch rng.next() % 8 {
                case 0: chunk[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: chunk[i] ^= UInt8(1 << (rng.next() % 8))
                case 2: chunk[i] = chunk[i] &+ 1
                case 3: chunk.insert(contentsOf: (0..<(1 + Int(rng.next() % 4))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: i)
                case 4: chunk.removeSubrange(i..<min(chunk.count, i + 1 + Int(rng.next() % 4)))
                case 5: chunk.removeSubrange(max(i, 1)...)  // truncation
                default: Self.mutateField(&chunk, layout, &rng)
                }
                if chunk.isEmpty { chunk = [0x1B] }
            }
            if chunk == seed { Self.mutateField(&chunk, layout, &rng) }
            let closure: LuaClosure
            do {
                closure = try chunk.withUnsafeBufferPointer { b throws(LuaError) in
                    try L.load(b, chunkName: chunkName, mode: Array("b".utf8))
                }
            } catch {
                if error.kind != .syntax && error.kind != .memory { unexpected += 1 }
                continue
            }
            accepted += 1
            if (try? L.runWithBudget(closure, instructions: budget)) != nil { completed += 1 }
            // A new state now and then, so that programs that wreck globals do not pile up.
            if accepted % 400 == 0 { L = try Self.fuzzState(budget: budget) }
        }
        #expect(unexpected == 0)
        #expect(accepted > iterations / 100)
        if ProcessInfo.processInfo.environment["FLASHLUA_FUZZ_STATS"] != nil {
            print("fuzz: \(iterations) mutations, \(accepted) loaded, \(completed) ran to the end")
        }
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

extension LuaState {
    /// A count hook that fails the running code and then keeps failing at every instruction,
    /// so a pcall in a loop cannot swallow the budget.
    func budgetHook() throws -> Value {
        Value(
            try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
                let t = L.current!
                t.body.pointee.hookCount = 1
                t.body.pointee.hookCountdown = 1
                throw L.errorWithMessage(Array("budget exhausted".utf8))
            }))
    }

    /// Runs a function with a count hook that stops it after `instructions`.
    func runWithBudget(_ closure: LuaClosure, instructions: Int) throws -> [LuaValue] {
        let t = current!
        t.body.pointee.hookFunction = try budgetHook()
        t.body.pointee.hookMask = HookMask.count
        t.body.pointee.hookCount = instructions
        t.body.pointee.hookCountdown = instructions
        defer {
            t.body.pointee.hookMask = 0
            t.body.pointee.hookFunction = .nil
        }
        return try callProtected(Value(closure), [])
    }

    /// Runs a verified function description with the instruction budget.
    func runWithBudget(_ f: FunctionDescription, instructions: Int) throws -> [LuaValue] {
        let proto = try newProto(f)
        let closure = try newLuaClosure(proto, upvalues: proto.upvalueCount)
        for i in 0..<proto.upvalueCount { closure.upvalues[i] = try newUpvalue(closedValue: Value(globals)).raw }
        return try runWithBudget(closure, instructions: instructions)
    }
}
