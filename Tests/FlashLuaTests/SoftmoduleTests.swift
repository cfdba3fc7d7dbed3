import FlashLuaBytecode
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// softmodule inside the runtime: heap accounting of stubs and loaded code, the heap limit,
/// images that try to pass for soft functions, and functions that live in the flash store.
/// (Behaviour against lua5.3 and softmodule's promises are in tests/softmodule.)
@Suite struct SoftmoduleTests {
    /// Files in memory that require, loadfile and softmodule read and write.
    final class Files {
        var contents: [String: [UInt8]]
        init(_ files: [String: String]) { contents = files.mapValues { Array($0.utf8) } }

        var host: HostServices {
            var host = HostServices()
            host.readFile = { [self] name in
                guard let name, let bytes = contents[name] else { return .failure("No such file or directory") }
                return .bytes(bytes)
            }
            host.writeFile = { [self] name, bytes in
                contents[name] = bytes
                return nil
            }
            return host
        }
    }

    static let sensor = """
        local S = {}
        local offset, samples = 0, {}
        function S.calibrate(o) offset = o end
        function S.read(raw)
            local v = raw * 0.5 + offset
            samples[#samples + 1] = v
            return v
        end
        function S.mean()
            local sum = 0
            for _, v in ipairs(samples) do sum = sum + v end
            return #samples > 0 and sum / #samples or nil, #samples
        end
        function S.report(prefix)
            return string.format("%s %d samples, mean %.2f, last %.2f", prefix, #samples, S.mean() or 0, samples[#samples] or 0)
        end
        return S
        """

    /// Injects every function of `sensor` in `mode`, calls them, collects.
    static let workload = """
        package.path = "?.lua"
        local sm = require "softmodule"
        local s = require "sensor"
        for _, f in ipairs(sm.getModuleFunctions(s)) do sm.%MODE%("sensor", f, true) end
        s.calibrate(1)
        for i = 1, 20 do s.read(i) end
        print(s.report("sensor:"), select("#", s.mean()))
        print(pcall(s.read, "x"))
        local t = {}
        for i, v in function(_, i) if i < 3 then return i + 1, s.read(i + 1) end end, nil, 0 do t[i] = v end
        print(t[1], t[2], t[3])
        collectgarbage()
        print(s.report("again:"))
        """

    static func workload(_ mode: String) -> String { workload.replacingOccurrences(of: "%MODE%", with: mode) }

    @Test(arguments: ["injectFlushedCall", "injectCachedCall"])
    func chargesAreRefundedExactlyOnTheDeviceModel(mode: String) throws {
        let files = Files(["sensor.lua": Self.sensor])
        let L = try LuaState(heapLimit: Int.max, host: files.host)
        L.heapModel = .nodeMCU32
        var output: [UInt8] = []
        L.writeOutput = { output.append(contentsOf: $0) }
        try L.run(Self.workload(mode))
        #expect(L.totalBytes == L.chargeLiveObjects(updatingHeaders: false))
        L.collectGarbage()
        #expect(L.totalBytes == L.chargeLiveObjects(updatingHeaders: false))
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("sensor: 20 samples, mean 6.25, last 11.00\t2"))
        #expect(text.contains("again: 23 samples"))
        #expect(files.contents["sensor.read.lc"] != nil)
        L.close()
    }

    @Test func injectedFunctionsCostLessHeapThanTheirCode() throws {
        let files = Files(["sensor.lua": Self.sensor])
        let L = try LuaState(heapLimit: Int.max, host: files.host)
        L.writeOutput = { _ in }
        let results = try L.run(
            """
            package.path = "?.lua"
            local sm = require "softmodule"
            local s = require "sensor"
            -- Collections until the heap stops changing (each gives back half of the unused frames).
            function steady() local n repeat n = collectgarbage("count") collectgarbage() until collectgarbage("count") == n end
            local function calls() s.calibrate(2); s.mean(); s.calibrate(nil); s.report("x") end
            -- Every figure from the same stack position (a collection shrinks the stack to what
            -- is in use there plus a margin).
            local plain, flushed, afterCalls, cached
            calls()  -- the stack and the string table reach their size
            steady()
            plain = collectgarbage("count")
            for _, f in ipairs(sm.getModuleFunctions(s)) do sm.injectFlushedCall("sensor", f, true) end
            steady()
            flushed = collectgarbage("count")
            calls()
            steady()
            afterCalls = collectgarbage("count")
            for _, f in ipairs { "calibrate", "read", "mean", "report" } do sm.injectCachedCall("sensor", f) end
            calls()
            steady()
            cached = collectgarbage("count")
            return (plain - flushed) * 1024, (afterCalls - flushed) * 1024, (cached - plain) * 1024
            """)
        guard results.count == 3, case .number(let saved) = results[0], case .number(let drift) = results[1],
            case .number(let cachedOverPlain) = results[2]
        else { throw LFSImages.Failure("unexpected \(results)") }
        // A stub costs a prototype header and the upvalue names: small functions gain little.
        #expect(saved > 150, "injecting 4 functions saved \(saved) bytes")
        #expect(drift == 0, "flushed calls left \(drift) bytes")
        // Cached code is the same code again (a heap prototype per function), no stubs remain.
        #expect(cachedOverPlain <= 0, "cached functions cost \(cachedOverPlain) bytes more than plain ones")
    }

    /// Under every heap limit the workload prints what it prints without one, or fails with "not
    /// enough memory"; an emergency collection while a stub loads its code frees nothing in use.
    @Test(arguments: ["injectFlushedCall", "injectCachedCall"])
    func heapLimitSweep(mode: String) {
        let files = Files(["sensor.lua": Self.sensor])
        let counts = HeapLimitTests.sweep(Self.workload(mode), limits: stride(from: 24_000, through: 40_000, by: 200), host: files.host)
        #expect(counts.finished > 0 && counts.outOfMemory > 0, "\(counts)")
    }

    /// Each flushed call lays out its code anew: the calls collect the code earlier calls
    /// dropped, so a long loop runs in a heap with little room and does not grow without one.
    @Test func flushedCallsInALoopCollectTheirOldCode() throws {
        let setup = """
            package.path = "?.lua"
            sm = require "softmodule"
            s = require "sensor"
            sm.injectFlushedCall("sensor", "report", true)
            s.report("warm")
            """
        let files = Files(["sensor.lua": Self.sensor])
        let L = try HeapLimitTests.limitedState(setup, headroom: 4096, host: files.host)
        let results = try L.run("for i = 1, 3000 do s.report('n') end return s.report('last')")
        #expect(results == [.string("last 0 samples, mean 0.00, last 0.00")])
        let unlimited = try LuaState(heapLimit: Int.max, host: files.host)
        try unlimited.run(setup)
        let peak = try unlimited.run(
            """
            collectgarbage(); collectgarbage()
            local base, peak = collectgarbage("count"), 0
            for i = 1, 3000 do s.report('n') peak = math.max(peak, collectgarbage("count")) end
            return (peak - base) * 1024
            """)
        guard case .number(let grown)? = peak.first else { throw LFSImages.Failure("unexpected \(peak)") }
        #expect(grown < 64 * 1024, "3000 flushed calls grew the heap by \(grown) bytes")
    }

    /// A `.lc` changed after injection is refused by its checksum; one changed with a matching
    /// checksum (made here by hand) must still pass the bytecode verifier and the shape check
    /// against the stub, so a call either runs or fails with an error, never crashes.
    @Test func damagedCodeFilesFailCleanly() throws {
        let files = Files(["sensor.lua": Self.sensor])
        let L = try LuaState(heapLimit: 1 << 20, host: files.host)
        L.writeOutput = { _ in }
        try L.run(
            """
            package.path = "?.lua"
            local sm = require "softmodule"
            s = require "sensor"
            sm.injectFlushedCall("sensor", "report", true)
            """)
        let original = try #require(files.contents["sensor.report.lc"])
        let report = try #require(L.rawGet(L.globals, Value(try L.newString("s"))).table.get(shortString: try L.newString("report")))
        let stub = report.pointee.luaClosure.proto
        #expect(stub.softFlags == SoftFlags.stub)
        var rng = SplitMix64(seed: 0x50F7)
        var refusedByChecksum = 0
        var failed = 0
        var ran = 0
        for round in 0..<600 {
            var bytes = original
            for _ in 0..<(1 + rng.below(3)) { bytes[rng.below(bytes.count)] ^= UInt8(1 + rng.below(255)) }
            files.contents["sensor.report.lc"] = bytes
            if round % 2 == 1 { stub.codeChecksum = bytes.withUnsafeBytes { crc32($0) } }
            // Verified code may still loop: an instruction budget stops it.
            let t = L.current!
            t.body.pointee.hookFunction = try L.budgetHook()
            t.body.pointee.hookMask = HookMask.count
            t.body.pointee.hookCount = 100_000
            t.body.pointee.hookCountdown = 100_000
            do {
                _ = try L.run("return s.report('x')")
                ran += 1
            } catch {
                failed += 1
                // A message, not the bytes of one.
                #expect(!error.message.contains("[1") && !error.message.contains(", 1"), "\(error.message)")
            }
            t.body.pointee.hookMask = 0
            t.body.pointee.hookFunction = .nil
            if round % 2 == 0 {
                let check = try L.run("local ok, e = pcall(s.report, 'x') return ok, e")
                #expect(check == [.boolean(false), .string("softmodule: 'sensor.report.lc' has changed since its function was injected")])
                if check.first == .boolean(false) { refusedByChecksum += 1 }
            }
            L.collectGarbage()
        }
        #expect(refusedByChecksum == 300)
        #expect(ran + failed == 600)
        // The original file and checksum bring the function back.
        files.contents["sensor.report.lc"] = original
        stub.codeChecksum = original.withUnsafeBytes { crc32($0) }
        #expect(try L.run("return s.report('x')") == [.string("x 0 samples, mean 0.00, last 0.00")])
    }

    @Test func imagePrototypesCannotClaimASoftState() throws {
        let image = try LFSImages.build([("m", "local M = {} function M.f() return 1 end return M")])
        #expect(LFSImages.verificationError(image) == nil)
        for offset in LFSImages.protoOffsets(image) {
            for (field, value) in [(19, UInt8(SoftFlags.stub)), (19, SoftFlags.flushed), (76, 88)] {
                var bad = image
                bad[offset + field] = value
                LFSImages.rechecksum(&bad)
                #expect(LFSImages.verificationError(bad) != nil, "soft state at byte \(field) of the prototype at \(offset)")
            }
        }
    }

    @Test func functionsInTheFlashStoreAreLeftAlone() throws {
        let image = try ReadOnlyImageTests.Image(LFSImages.build([("lfsmod", "local M = {} function M.f() return 1 end return M")]))
        let files = Files(["lfsmod.lua": "local M = {} function M.f() return 1 end return M"])
        let L = try LFSImages.state(image, host: files.host)
        let results = try L.run(
            """
            package.path = "?.lua"
            package.loaded.lfsmod = node.LFS.lfsmod()
            local sm = require "softmodule"
            return select(2, pcall(sm.injectFlushedCall, "lfsmod", "f", true)), #sm.getModuleFunctions(package.loaded.lfsmod)
            """)
        #expect(results == [.string("softmodule: lfsmod.f runs from the flash store; its code takes no RAM"), .integer(0)])
        #expect(files.contents["lfsmod.f.lc"] == nil)
    }

    @Test func aFailedWriteIsReported() throws {
        var host = Files(["m.lua": "local M = {} function M.f() end return M"]).host
        host.writeFile = { _, _ in "No space left on device" }
        let L = try LuaState(heapLimit: Int.max, host: host)
        let results = try L.run(
            """
            package.path = "?.lua"
            local sm = require "softmodule"
            local ok, e = pcall(sm.injectFlushedCall, "m", "f", true)
            return e, sm.status("m", "f")
            """)
        #expect(results == [.string("softmodule: cannot write 'm.f.lc': No space left on device"), .string("plain"), .boolean(true)])
    }
}
