import Foundation
import Testing

@testable import FlashLua
import FlashLuaBytecode

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
                _ = try prefix.withUnsafeBufferPointer { b throws(ChunkLoadError) in try BinaryChunk.undump(b, chunkName: Array("=t".utf8)) }
                Issue.record("accepted a chunk cut at \(cut)")
            } catch {
                let message = String(decoding: error.message, as: UTF8.self)
                #expect(message.hasPrefix("t: "))
            }
        }
    }

    /// Mutated chunks must load with an error or run without crashing (an instruction budget
    /// stops endless loops).
    @Test func mutatedChunksNeverCrash() throws {
        var seeds: [[UInt8]] = []
        for s in Self.sources { seeds.append(try Self.luac(s, strip: false)); seeds.append(try Self.luac(s, strip: true)) }
        let iterations = Int(ProcessInfo.processInfo.environment["FLASHLUA_FUZZ_ITERATIONS"] ?? "") ?? 20_000
        var rng = SplitMix64(seed: 0x5EED)
        var loaded = 0
        var ran = 0
        for n in 0..<iterations {
            var chunk = seeds[n % seeds.count]
            let mutations = 1 + Int(rng.next() % 4)
            for _ in 0..<mutations {
                let i = Int(rng.next() % UInt64(chunk.count))
                switch rng.next() % 3 {
                case 0: chunk[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: chunk[i] ^= UInt8(1 << (rng.next() % 8))
                default: chunk[i] = chunk[i] &+ 1
                }
            }
            let f: FunctionDescription
            do {
                f = try chunk.withUnsafeBufferPointer { b in try BinaryChunk.undump(b, chunkName: Array("=fuzz".utf8)) }
            } catch {
                continue
            }
            loaded += 1
            if n % 10 == 0 {
                let L = try LuaState(heapLimit: 1 << 20)
                L.writeOutput = { _ in }
                if (try? L.runWithBudget(f, instructions: 20_000)) != nil { ran += 1 }
            }
        }
        #expect(loaded > 0)
        _ = ran
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
}

extension LuaState {
    /// Runs a verified function with a count hook that stops it after `instructions`.
    func runWithBudget(_ f: FunctionDescription, instructions: Int) throws -> [LuaValue] {
        let proto = try newProto(f)
        let closure = try newLuaClosure(proto, upvalues: proto.upvalueCount)
        for i in 0..<proto.upvalueCount { closure.upvalues[i] = try newUpvalue(closedValue: Value(globals)).raw }
        let t = current!
        t.body.pointee.hookFunction = Value(try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in
            throw L.errorWithMessage(Array("budget exhausted".utf8))
        }))
        t.body.pointee.hookMask = HookMask.count
        t.body.pointee.hookCount = instructions
        t.body.pointee.hookCountdown = instructions
        defer { t.body.pointee.hookMask = 0 }
        return try callProtected(Value(closure), [])
    }
}
