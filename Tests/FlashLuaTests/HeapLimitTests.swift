import FlashLuaHost
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// Programs run near the heap limit: every run either does what it does without a limit or fails
/// with "not enough memory"; it never crashes, and the state stays usable afterwards. Most bugs
/// these tests guard against are use-after-free (an object the collector freed while Swift code
/// still held it), which a normal build may survive by luck: run them under AddressSanitizer
/// (`swift test --sanitize=address --filter HeapLimitTests`) to see every one.
@Suite struct HeapLimitTests {
    /// How a run under a heap limit ended.
    enum Outcome: Equatable, CustomStringConvertible {
        /// It ran to the end and printed this.
        case finished(String)
        /// It failed with "not enough memory" (a `.memory` error).
        case outOfMemory

        var description: String {
            switch self {
            case .finished(let text): "finished (\(text.utf8.count) bytes of output)"
            case .outOfMemory: "out of memory"
            }
        }
    }

    final class Output {
        var bytes: [UInt8] = []
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A host whose files are these (path -> text): require and loadfile read them.
    static func host(files: [String: String]) -> HostServices {
        var host = HostServices()
        let contents = files.mapValues { Array($0.utf8) }
        host.readFile = { name in
            guard let name, let bytes = contents[name] else { return .failure("No such file or directory") }
            return .bytes(bytes)
        }
        return host
    }

    /// Runs `chunk` in a new state of `limit` bytes (Int.max: no limit). Any ending other than
    /// finishing or "not enough memory" is recorded as a test failure (and returns nil). Whatever
    /// the ending, the state must then still run a chunk and collect, and close.
    static func run(
        _ chunk: String, limit: Int, host: HostServices = HostServices(), sourceLocation: SourceLocation = #_sourceLocation
    ) -> Outcome? {
        let L: LuaState
        do {
            L = try LuaState(heapLimit: limit, host: host)
        } catch {
            // Too small for the standard library itself.
            if error.kind == .memory { return .outOfMemory }
            Issue.record("creating a state of \(limit) bytes failed with \(error.kind)", sourceLocation: sourceLocation)
            return nil
        }
        let output = Output()
        L.writeOutput = { output.bytes.append(contentsOf: $0) }
        var outcome: Outcome? = nil
        do {
            try L.run(chunk, chunkName: "=workload")
            outcome = .finished(output.text)
        } catch {
            if error.kind == .memory && error.message == "not enough memory" {
                outcome = .outOfMemory
            } else {
                Issue.record("at \(limit) bytes: \(error.kind) error: \(error)", sourceLocation: sourceLocation)
            }
        }
        #expect(L.totalBytes <= limit, "heap \(L.totalBytes) over its limit \(limit)", sourceLocation: sourceLocation)
        L.collectGarbage()
        do {
            let check = try L.run("local t = {} for i = 1, 8 do t[i] = i * i end return #t, t[8], ('x'):rep(3)")
            #expect(check == [.integer(8), .integer(64), .string("xxx")], sourceLocation: sourceLocation)
        } catch {
            // Only a heap whose live data leaves no room for that chunk may refuse it.
            if error.kind != .memory || limit - L.totalBytes > 2048 {
                Issue.record(
                    "at \(limit) bytes, after \(outcome.map { "\($0)" } ?? "failing"): \(error) (heap \(L.totalBytes))",
                    sourceLocation: sourceLocation)
            }
        }
        L.collectGarbage()
        L.close()
        return outcome
    }

    /// What a sweep saw: how many runs finished and how many ran out of memory, the smallest
    /// limit that finished and the largest that ran out of memory.
    struct SweepCounts: CustomStringConvertible {
        var finished = 0, outOfMemory = 0
        var smallestFinished: Int? = nil, largestOutOfMemory: Int? = nil

        var description: String {
            "\(finished) finished (from \(smallestFinished.map(String.init) ?? "-") bytes), "
                + "\(outOfMemory) out of memory (up to \(largestOutOfMemory.map(String.init) ?? "-") bytes)"
        }
    }

    /// Sweeps `limits`: each run must print what the unlimited run prints or fail with "not
    /// enough memory".
    @discardableResult
    static func sweep(
        _ chunk: String, limits: some Sequence<Int>, host: HostServices = HostServices(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SweepCounts {
        var counts = SweepCounts()
        guard case .finished(let expected)? = run(chunk, limit: Int.max, host: host, sourceLocation: sourceLocation) else {
            Issue.record("the workload fails without a heap limit", sourceLocation: sourceLocation)
            return counts
        }
        for limit in limits {
            switch run(chunk, limit: limit, host: host, sourceLocation: sourceLocation) {
            case .finished(let text):
                #expect(text == expected, "output at \(limit) bytes differs", sourceLocation: sourceLocation)
                counts.finished += 1
                counts.smallestFinished = min(counts.smallestFinished ?? limit, limit)
            case .outOfMemory:
                counts.outOfMemory += 1
                counts.largestOutOfMemory = max(counts.largestOutOfMemory ?? limit, limit)
            case nil: break
            }
        }
        return counts
    }

    /// A new state that has run `setup` without a limit, and then collected, limited to what it
    /// holds plus `headroom` bytes.
    static func limitedState(
        _ setup: String = "", headroom: Int, host: HostServices = HostServices(), image: FlashImage? = nil
    ) throws -> LuaState {
        let L = try LuaState(heapLimit: Int.max, host: host, flashImage: image)
        if image != nil { try L.openFlashStoreLibrary() }
        L.writeOutput = { _ in }
        try L.run(setup)
        L.collectGarbage()
        L.collectGarbage()
        L.heapLimit = L.totalBytes + headroom
        return L
    }

    /// Lua statements that stop the collector's safe-point collections (emergency ones still
    /// run) and fill the heap with garbage (56-byte tables) until at most `leaving` bytes, and
    /// more than `leaving` - 56, are left under `limit`.
    static func fillWithGarbage(limit: Int, leaving: Int = 64) -> String {
        """
        collectgarbage("stop")
        do
          local junk
          repeat junk = {} until collectgarbage("count") * 1024 >= \(limit - leaving)
        end

        """
    }

    // MARK: Fixed earlier (629ce6b, a559a67): regression tests

    /// newThread used to link the thread before its stack and frames existed; an emergency
    /// collection in between traversed the half-built thread (SIGSEGV, or "free(): corrupted
    /// unsorted chunks").
    @Test func coroutinesCreatedNearTheLimit() {
        let keepSome = """
            local keep = {}
            for i = 1, 1e6 do
              local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return a + b end)
              local _, v = coroutine.resume(co, i)
              assert(v == i + 1)
              if i % 4 == 0 then keep[#keep + 1] = co end
              local w = coroutine.wrap(function(...) coroutine.yield(select("#", ...)) end)
              assert(w(1, 2, 3) == 3)
            end
            """
        #expect(Self.run(keepSome, limit: 64 * 1024) == .outOfMemory)
        let keepNone = """
            local n = 0
            for i = 1, 3000 do
              local co = coroutine.create(function(a) local b = coroutine.yield(a) return a + b end)
              local _, a = coroutine.resume(co, i)
              local _, s = coroutine.resume(co, 1)
              n = n + s - a
            end
            print(n)
            """
        #expect(Self.run(keepNone, limit: 64 * 1024) == .finished("3000\n"))
        // Up to 52 KB: the coroutines share one cached closure, so each iteration allocates only
        // its thread, and an emergency collection's 16 recent objects are now 16 dead threads
        // (each with its stack) rather than about 8 threads and their closures; the smallest
        // limit that finishes (`flashlua --heap`) moved from 38 KB to 47-48 KB.
        let counts = Self.sweep(keepNone, limits: stride(from: 24 * 1024, through: 52 * 1024, by: 512))
        #expect(counts.finished > 0)
    }

    /// Suspended coroutines that reference themselves (through an open upvalue, a finalizable
    /// table and their own closure, as gc.lua's "two collections are needed to break cycle")
    /// and dead ones are garbage: a loop making many of them runs in a bounded heap, and their
    /// finalizers all run.
    @Test func selfReferencingSuspendedCoroutinesAreCollected() {
        let loop = """
            local finalized, n = 0, 20000
            for i = 1, n do
              local function f (param)
                ;(function ()
                  param = {param, f, ("x"):rep(40)}
                  setmetatable(param, {__gc = function () finalized = finalized + 1 end})
                  coroutine.yield(i)
                end)()
              end
              local co = coroutine.create(f)
              assert(select(2, coroutine.resume(co, co)) == i)
              if i % 3 == 0 then
                local d
                d = coroutine.create(function () local t = {d} return t end)
                coroutine.resume(d)
              end
              if i % 1000 == 0 then collectgarbage("step", 0) end
            end
            collectgarbage(); collectgarbage(); collectgarbage()
            print(finalized == n, collectgarbage("count") < 200)
            """
        #expect(Self.run(loop, limit: 160 * 1024) == .finished("true\ttrue\n"))
    }

    /// require of modules (tables, a function, no value, one requiring others), released and
    /// required again, under a sweep of heap limits. require used to keep the module's result
    /// only in a Swift local while package.loaded grew, and an emergency collection there freed
    /// it (use after free: a crash, or "attempt to call" on garbage); the next test makes that
    /// happen.
    @Test func requireUnderASweepOfLimits() {
        var files: [String: String] = [:]
        for i in 1...12 {
            files["mods/m\(i).lua"] = """
                local M = { name = "m\(i)", list = {} }
                for j = 1, \(i) do M.list[j] = { j, tostring(j) .. "-\(i)" } end
                function M.sum() local s = 0 for _, e in ipairs(M.list) do s = s + e[1] end return s end
                return M
                """
        }
        files["mods/f.lua"] = "local calls = 0 return function(x) calls = calls + 1 return x * 2, calls end"
        files["mods/none.lua"] = "local x = ... ; x = nil"
        files["mods/uses.lua"] = "local a, b = require 'mods.m3', require 'mods.f' return { total = a.sum() + b(1) }"
        let chunk = """
            package.path = "?.lua"
            local out = {}
            for round = 1, 3 do
              for i = 1, 12 do
                local m = require("mods.m" .. i)
                out[#out + 1] = m.name .. "=" .. m.sum()
                if i % 3 == round % 3 then package.loaded["mods.m" .. i] = nil end
              end
              out[#out + 1] = tostring(require "mods.none")
              out[#out + 1] = require("mods.uses").total
              out[#out + 1] = select(2, require("mods.f")(round))
              package.loaded["mods.uses"] = nil
            end
            print(table.concat(out, " "))
            """
        let counts = Self.sweep(chunk, limits: stride(from: 24 * 1024, through: 72 * 1024, by: 512), host: Self.host(files: files))
        #expect(counts.finished > 0 && counts.outOfMemory > 0)
    }

    /// The same, made to happen: the module fills the heap with garbage before returning a
    /// table that nothing else holds any more, and package.loaded must grow to store it.
    @Test func requireKeepsTheModuleResultWhilePackageLoadedGrows() throws {
        let module = """
            local M = { name = "fresh" }
            for i = 1, 20 do M[i] = { i } end  -- M is no longer among the recent objects
            collectgarbage("stop")
            local junk
            repeat junk = {} until collectgarbage("count") * 1024 > LIMIT - 64
            return M
            """
        for headroom in stride(from: 8 * 1024, to: 8 * 1024 + 8 * 24, by: 24) {
            let L = try Self.limitedState(headroom: headroom, host: Self.host(files: ["fresh.lua": module]))
            let results = try L.run(
                """
                LIMIT = \(L.heapLimit)
                package.path = "?.lua"
                debug.getregistry()._LOADED = {}  -- empty: storing the module grows it
                local m = require "fresh"
                return m.name, #m, m[20][1]
                """)
            #expect(results == [.string("fresh"), .integer(20), .integer(20)], "headroom \(headroom)")
            L.close()
        }
    }

    /// An image holding names the runtime fixes at start-up ("__index", "__tostring", ...):
    /// marking the ROM string as fixed wrote to the image (SIGSEGV on a read-only mapping).
    @Test func imageHoldingMetamethodNames() throws {
        let names = TagMethod.allCases.map { "\"\($0.name.text)\"" }.joined(separator: ", ")
        let image = try ReadOnlyImageTests.Image(
            LFSImages.build([
                ("names", "local names = { \(names), \"__name\", \"__metatable\", \"__pairs\", \"not enough memory\" }"),
                ("point", SampleModules.shapes),
            ]))
        let L = try LFSImages.state(image, heapLimit: 64 * 1024)
        let results = try L.run(
            """
            local Shape = require "point"
            local s = Shape.new(2, 5)
            local proxy = setmetatable({}, { __index = s, __name = "Proxy", __len = function() return 9 end })
            collectgarbage()
            local ok, err = pcall(function() local t = {} for i = 1, 1e6 do t[i] = { i } end end)
            collectgarbage()
            return tostring(s), proxy:area(), #proxy, ok, err
            """)
        #expect(results == [.string("shape(2x5)"), .integer(10), .integer(9), .boolean(false), .string("not enough memory")])
        // The fixed names are the image's own objects, and were never written.
        #expect(L.tagMethodNames[TagMethod.index.rawValue]!.isReadOnly)
        #expect(L.memoryErrorMessage.isReadOnly)
        L.close()
    }

    /// An LFS module's closure is made with the collector blocked; its room used not to be made
    /// first, so a heap full of garbage failed with "not enough memory" (and a larger heap
    /// could fail where a smaller one passed).
    @Test func moduleFromImageWithAHeapFullOfGarbage() throws {
        // No metamethod names in this image (see imageHoldingMetamethodNames).
        let image = try ReadOnlyImageTests.Image(LFSImages.build([("greet", SampleModules.greet), ("counter", SampleModules.counter)]))
        for headroom in stride(from: 4096, to: 4096 + 8 * 24, by: 24) {
            let L = try Self.limitedState(headroom: headroom, image: image.image)
            let results = try L.run(
                Self.fillWithGarbage(limit: L.heapLimit) + """
                    local greet = node.LFS.get("greet")
                    local count = node.LFS.counter
                    return greet().hello("heap"), count()(3)
                    """)
            #expect(results == [.string("greeting, heap"), .integer(3)], "headroom \(headroom)")
            L.close()
        }
    }

    /// newProto left a prototype whose write failed (no memory for one of its strings) in the
    /// object list and among the recent objects; a later collection (a finalizer at close)
    /// traversed its unwritten references (SIGSEGV in traverseProto). Here loading fails at
    /// every point of building the prototypes, a finalizer allocates at close.
    @Test func loadFailingAtEveryPointOfItsPrototypes() throws {
        var functions: [String] = []
        for i in 1...12 {
            functions.append(
                "function M.f\(i)(a, b) local s\(i) = 'string constant \(i) of the chunk' return s\(i) .. (a or '') .. \(i), \"k\(i)\" end")
        }
        let source = "local M = {}\n" + functions.joined(separator: "\n") + "\nreturn M"
        let setup = """
            source = [==[\(source)]==]
            gcs = 0
            keep = {}
            for i = 1, 3 do
              keep[i] = setmetatable({}, { __gc = function() gcs = gcs + 1 local t = {} for j = 1, 50 do t[j] = { j } end end })
            end
            function try()
              local ok, f = pcall(load, source, "=first")
              -- allocations right after a failure: emergency collections while the half-built
              -- prototypes are still among the recent objects
              pcall(function() local t = {} for i = 1, 40 do t[i] = {} end end)
              local ok2, g = pcall(load, source, "=second")
              pcall(function() local t = {} for i = 1, 40 do t[i] = {} end end)
              return ok and f, ok2 and g, not ok and f or not ok2 and g or nil
            end
            function use(f, g) return f().f7("x") .. "," .. select(2, g().f12()) end
            """
        var failed = 0
        var loaded = 0
        for headroom in stride(from: 512, through: 16 * 1024, by: 40) {
            let L = try Self.limitedState(setup, headroom: headroom)
            var results: [LuaValue] = []
            do {
                results = try L.run("return try()")
            } catch {
                // Memory can run out outside the protected loads too.
                #expect(error.kind == .memory, "headroom \(headroom): \(error)")
                results = [.boolean(false), .boolean(false), .string("not enough memory")]
            }
            // Collections over whatever the failed loads left, then the loaded functions work.
            L.collectGarbage()
            #expect(results.count == 3, "headroom \(headroom)")
            guard results.count == 3 else { continue }
            if results[0] != .boolean(false) && results[1] != .boolean(false) {
                loaded += 1
                let limit = L.heapLimit
                L.heapLimit = Int.max
                #expect(try L.call(global: "use", [results[0], results[1]]) == [.string("string constant 7 of the chunkx7,k12")])
                L.collectGarbage()
                L.heapLimit = limit
            } else {
                failed += 1
                #expect(results[2] == .string("not enough memory"), "headroom \(headroom)")
            }
            // The finalizers allocate at close, running collections under the limit.
            #expect(L[global: "gcs"] == .integer(0))
            L.close()
            #expect(L[global: "gcs"] == .integer(3), "headroom \(headroom)")
        }
        #expect(failed > 10 && loaded > 10)
    }

    // MARK: Found by reviewing the allocation paths

    /// load built the prototypes with the collector blocked and nothing collected first: with
    /// the heap full of garbage it failed with "not enough memory" (from source, the LFS example
    /// needed a 230 KB heap where 150 KB is enough).
    @Test func loadWithAHeapFullOfGarbage() throws {
        let source = (1...10).map { "function M.f\($0)(x) return 'value \($0) ' .. x end" }.joined(separator: "\n")
        for headroom in stride(from: 16 * 1024, to: 16 * 1024 + 8 * 24, by: 24) {
            let L = try Self.limitedState("source = [[local M = {}\n\(source)\nreturn M]]", headroom: headroom)
            let results = try L.run(
                Self.fillWithGarbage(limit: L.heapLimit) + """
                    local M = load(source, "=module")()
                    return M.f7("x"), require == nil
                    """)
            #expect(results == [.string("value 7 x"), .boolean(false)], "headroom \(headroom)")
            L.close()
        }
    }

    /// Every function of a chunk had its own copy of a long source name, and load names a chunk by
    /// its own text: loading 2 KB of source with 50 functions took 114 KB (lua5.3: 14 KB).
    @Test func chunkSourceIsSharedByItsFunctions() throws {
        let L = try LuaState()
        let results = try L.run(
            """
            local parts = {}
            for i = 1, 50 do parts[i] = ("local function f%d(x) return x + %d end"):format(i, i) end
            local text = table.concat(parts, "\\n") .. "\\nreturn f50(1)"
            collectgarbage()
            local before = collectgarbage("count")
            local f = load(text)
            collectgarbage()
            local cost = (collectgarbage("count") - before) * 1024
            return #text, cost, f(), debug.getinfo(f, "S").source == text
            """)
        #expect(results.count == 4)
        guard results.count == 4, case .integer(let length) = results[0], case .number(let cost) = results[1] else { return }
        #expect(cost < Double(length) + 16_000, "\(cost) bytes for \(length) bytes of source")
        #expect(results[2] == .integer(51) && results[3] == .boolean(true))
    }

    /// A short string found in the string table may be garbage that nothing reaches; newString
    /// returned it unprotected, so an allocation before the caller stored it could free it: a
    /// global set from Swift (or a field debug.getinfo set) got a freed key.
    @Test func internedStringFoundAsGarbageSurvivesTheNextAllocation() throws {
        let L = try LuaState()
        // "someGlobalName" exists only as garbage after this (its table and chunk are garbage).
        try L.run("local t = {} t.someGlobalName = 1")
        L.heapLimit = L.totalBytes + 16 * 1024
        try L.run(Self.fillWithGarbage(limit: L.heapLimit))
        // The value's string does not fit: an emergency collection runs between the key's lookup
        // and the store.
        let value = String(repeating: "v", count: 100)
        L[global: "someGlobalName"] = .string(value)
        #expect(L[global: "someGlobalName"] == .string(value))
        #expect(try L.run("return someGlobalName") == [.string(value)])
        L.close()
    }

    /// A call's result is off the stack when the call returns: tostring's result through
    /// __tostring (and a gsub replacement from an __index function) was freed by the emergency
    /// collection that string.format's (gsub's) growing result ran (use after free).
    @Test func metamethodResultsSurviveAnEmergencyCollection() throws {
        let setup = """
            local function fresh(text)
              local s = ("<%s:%s>"):format(("x"):rep(60), text)
              for i = 1, 20 do local _ = {} end  -- 20 newer objects: s is no longer a recent one
              return s
            end
            obj = setmetatable({}, { __tostring = function() return fresh("7") end })
            lookup = setmetatable({}, { __index = function(_, k) return fresh(k) end })
            fmt = ("-"):rep(20000) .. "%s"
            subject = ("-"):rep(20000) .. "key"
            """
        let L = try Self.limitedState(setup, headroom: 60_000)
        let formatted = try L.run(
            Self.fillWithGarbage(limit: L.heapLimit - 15_000) + """
                local r = string.format(fmt, obj)
                return #r, r:sub(-6)
                """)
        #expect(formatted == [.integer(20064), .string("xxx:7>")])
        L.collectGarbage()
        let replaced = try L.run(
            Self.fillWithGarbage(limit: L.heapLimit - 15_000) + """
                local r = subject:gsub("%a+", lookup)
                return #r, r:sub(-6)
                """)
        #expect(replaced == [.integer(20066), .string("x:key>")])
        L.close()
    }

    /// table.remove held the removed value only in Swift while moving the others through
    /// __newindex, which may collect (use after free).
    @Test func tableRemoveKeepsTheRemovedValue() throws {
        let L = try LuaState()
        let results = try L.run(
            """
            local store = { { name = "a" }, { name = "b" }, { name = "c" } }
            local proxy = setmetatable({}, {
              __index = store,
              __newindex = function(_, k, v) store[k] = v; collectgarbage() end,
              __len = function() return #store end })
            local r = table.remove(proxy, 1)
            for i = 1, 100 do local _ = { name = "reused" } end
            return r.name, #store, store[1].name, store[2].name
            """)
        #expect(results == [.string("a"), .integer(2), .string("b"), .string("c")])
    }

    /// table.sort held the pivot and the values being swapped only in Swift while comparators
    /// and metamethods ran, which may collect (use after free).
    @Test func tableSortKeepsTheValuesItMoves() throws {
        let L = try LuaState()
        let results = try L.run(
            """
            local store = {}
            for i = 1, 60 do store[i] = { v = (i * 37) % 60 } end
            local proxy = setmetatable({}, {
              __index = store,
              __newindex = function(_, k, v) store[k] = v; collectgarbage() end,
              __len = function() return #store end })
            table.sort(proxy, function(a, b) return a.v < b.v end)
            for i = 1, 100 do local _ = { v = -1 } end
            local out = {}
            for i = 1, 60 do out[i] = store[i].v end
            return table.concat(out, ",")
            """)
        #expect(results == [.string((0..<60).map(String.init).joined(separator: ","))])
    }

    /// debug.getinfo filled its result table (many new strings) while only Swift held it, long
    /// after it had left the recent objects (use after free when a collection ran meanwhile).
    @Test func debugGetinfoUnderASweepOfLimits() throws {
        let setup = """
            probe = load([[
              local n, total = 0, 0
              for k, v in pairs(debug.getinfo(1, "SlnutfL")) do
                n = n + 1
                if type(v) == "string" then total = total + #v end
              end
              return n, total
            ]], "=" .. ("a long chunk name, longer than a short string; "):rep(2))
            """
        let chunk = "local n, t for i = 1, 20 do n, t = probe() end return n, t"
        let expected = try Self.limitedState(setup, headroom: Int.max / 2).run(chunk)
        #expect(expected.count == 2 && expected[0] == .integer(14))
        var finished = 0
        for headroom in stride(from: 2048, through: 6 * 1024, by: 16) {
            let L = try Self.limitedState(setup, headroom: headroom)
            do {
                let r = try L.run(chunk)
                #expect(r == expected, "headroom \(headroom)")
                finished += 1
            } catch {
                #expect(error.kind == .memory, "headroom \(headroom): \(error)")
            }
            L.collectGarbage()
            L.close()
        }
        #expect(finished > 100)
    }

    /// debug.getstrings('RAM') gathered the strings, then made its table: the emergency collection
    /// that could run freed the unreached ones, which the list then held (use after free).
    @Test func debugGetstringsWithAHeapFullOfGarbageStrings() throws {
        let image = try ReadOnlyImageTests.Image(LFSImages.build([("greet", SampleModules.greet)]))
        for headroom in stride(from: 20 * 1024, to: 20 * 1024 + 8 * 40, by: 40) {
            let L = try Self.limitedState(headroom: headroom, image: image.image)
            let results = try L.run(
                """
                collectgarbage("stop")
                local i = 0
                repeat i = i + 1; local _ = "garbage string " .. i until collectgarbage("count") * 1024 > \(L.heapLimit - 40)
                local list = debug.getstrings("RAM")
                collectgarbage()
                local sorted, n, garbage = true, 0, 0
                for j, s in ipairs(list) do
                  n = n + 1
                  if type(s) ~= "string" or (j > 1 and list[j - 1] >= s) then sorted = false end
                  if s:find("^garbage string") then garbage = garbage + 1 end
                end
                return sorted, n > 100, garbage <= 16, i > 100
                """)
            // Making the list had to collect (the garbage strings filled the heap): only those among
            // the 16 recent objects an emergency collection keeps can be listed.
            #expect(results == [.boolean(true), .boolean(true), .boolean(true), .boolean(true)], "headroom \(headroom)")
            L.close()
        }
    }

    /// A table resize read the values of a shrinking array part before allocating the new array,
    /// whose emergency collection then cleared a weak table's dead values and freed them: the
    /// table kept them, moved to its hash part (use after free).
    @Test func weakTableResizedByAnEmergencyCollection() throws {
        let L = try LuaState()
        try L.run(
            """
            weak, strong = setmetatable({}, { __mode = "v" }), {}
            for i = 1, 64 do weak[i] = {}; strong[i] = weak[i] end
            for i = 9, 59 do weak[i] = nil end  -- 1..8 and 60..64: the array part shrinks to 8
            """)
        L.collectGarbage()
        L.heapLimit = L.totalBytes + 16 * 1024
        // 8 new nodes (256 bytes) fit, the new 8-slot array (128 bytes) does not: its emergency
        // collection comes after the new hash part, and finds the 13 values dead.
        let results = try L.run(
            "strong = nil\n" + Self.fillWithGarbage(limit: L.heapLimit, leaving: 376) + """
                weak.x = true
                local n = 0
                for k, v in pairs(weak) do n = n + 1 end
                return n, weak.x
                """)
        #expect(results == [.integer(1), .boolean(true)])
        L.close()
    }

    /// A finalizer's object left the to-be-finalized queue before it was on the stack: growing
    /// the stack for the call could run an emergency collection that freed it.
    @Test func objectBeingFinalizedSurvivesTheStackGrowth() throws {
        let L = try LuaState()
        try L.run(
            """
            seen = {}
            for i = 1, 4 do
              setmetatable({ name = "object " .. i }, { __gc = function(o) seen[#seen + 1] = o.name end })
            end
            """)
        // Queue the objects without running their finalizers, then leave the running thread's
        // stack full and the heap full of garbage, so that the call must grow the stack and
        // that growth must collect.
        L.fullCollect(emergency: false)
        #expect(L.toBeFinalized.count == 4)
        try L.run("local t = {} for i = 1, 200 do t[i] = { i } end")
        let t = L.current!
        let savedTop = t.top
        t.top = t.body.pointee.stackSize - StackLimits.extra - 1
        for i in savedTop..<t.top { t.stack[i] = .nil }
        L.heapLimit = L.totalBytes + 64
        try L.runPendingFinalizers()
        t.top = savedTop
        L.heapLimit = Int.max
        #expect(try L.run("table.sort(seen) return table.concat(seen, ',')") == [.string("object 1,object 2,object 3,object 4")])
    }

    /// The standalone interpreter kept the arg table and the script's arguments only in Swift
    /// while making more strings than the recent objects hold (use after free with many
    /// arguments near the limit).
    @Test func scriptWithManyArgumentsNearTheLimit() {
        let script = "print(select('#', ...), table.concat({ ... }, '|'), #arg, arg[0])"
        var host = Self.host(files: ["args.lua": script])
        let errors = Output()
        host.writeError = { errors.bytes.append(contentsOf: $0) }
        let arguments = (1...24).map { "argument number \($0) with some length" }
        let expected = "24\t" + arguments.joined(separator: "|") + "\t24\targs.lua\n"
        var finished = 0
        // The window starts just above what the libraries need (bit32 added about 1.4 KB).
        for limit in stride(from: 26 * 1024, through: 32 * 1024, by: 32) {
            let output = Output()
            var interpreter = StandaloneInterpreter(programName: "flashlua", host: host) { output.bytes.append(contentsOf: $0) }
            interpreter.heapLimit = limit
            errors.bytes = []
            let code = interpreter.run(["flashlua", "args.lua"] + arguments)
            if code == 0 {
                #expect(output.text == expected, "limit \(limit)")
                finished += 1
            } else {
                #expect(errors.text.hasSuffix("not enough memory\n"), "limit \(limit): \(errors.text)")
            }
        }
        #expect(finished > 10)
    }

    // MARK: Sweeps

    /// Lua statements first in a sweep's workload: a memory error the program catches (pcall, a
    /// coroutine's failure re-raised as a plain error) is made a memory error again, by asking
    /// for a 1 GB string, so a run prints what the unlimited run prints or fails with it.
    static let memoryErrorsEscape = """
        local function escape(err)
          if err == "not enough memory" then string.rep("x", 1 << 30) end
          error(err, 0)
        end
        local raw_pcall = pcall
        local function checked(ok, ...)
          if not ok and (...) == "not enough memory" then escape(...) end
          return ok, ...
        end
        pcall = function(f, ...) return checked(raw_pcall(f, ...)) end
        local function main(f)
          local ok, err = raw_pcall(f)
          if not ok then escape(err) end
        end

        """

    /// The root of the repository (this file is Tests/FlashLuaTests/HeapLimitTests.swift).
    static func repositoryRoot(_ file: String = #filePath) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }

    /// The LFS example application from its source files (examples/lfs-app/lfs/*.lua): boot,
    /// fifteen simulated minutes of sampling and reporting (a JSON module loaded and released
    /// for every report, timers, a coroutine task, MQTT packets with string.pack), then HTTP
    /// requests served by modules loaded for them (templates streamed piece by piece).
    static let lfsAppWorkload =
        memoryErrorsEscape + """
            package.path = "lfs/?.lua"
            main(function()
              require "_init"
              local app = require("app").start()
              local stats = require "stats"
              for m = 1, 3 do
                app.run_until(m * 5 * 60 * 1000)
                local s = stats.summary(app.window.t)
                print(("%d min: %d samples, %d alarms, mean %.2f, %d reports"):format(
                  m * 5, app.state.samples, app.state.alarms, s.mean, app.state.published))
              end
              print("last report: " .. app.state.last_report)
              local function request(raw)
                local bytes, pieces = 0, {}
                local status = app.request(raw, function(piece) bytes = bytes + #piece; pieces[#pieces + 1] = piece end)
                return status, bytes, table.concat(pieces)
              end
              for _, raw in ipairs({ "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n", "GET /api/status HTTP/1.1\\r\\n\\r\\n",
                  "GET /api/sensor/temperature HTTP/1.1\\r\\n\\r\\n", "POST /config HTTP/1.1\\r\\nContent-Length: 15\\r\\n\\r\\nalarm_high=27.5",
                  "GET /nope HTTP/1.1\\r\\n\\r\\n" }) do
                local status, bytes, body = request(raw)
                print(raw:match("^[^\\r]*"), status, bytes, #body, body:sub(-40))
              end
              print("log: " .. app.log:summary())
            end)
            """

    static func lfsAppHost() -> HostServices {
        let folder = repositoryRoot() + "/examples/lfs-app/lfs"
        let names = [
            "_init", "api", "app", "bme280", "config", "demo", "json", "lfs_strings", "logger", "pages", "ringbuf", "router",
            "scheduler", "stats", "telemetry", "templates",
        ]
        var files: [String: String] = [:]
        for name in names {
            if case .bytes(let b) = HostPlatform.readWholeFile("\(folder)/\(name).lua") {
                files["lfs/\(name).lua"] = String(decoding: b, as: UTF8.self)
            }
        }
        return host(files: files)
    }
    /// The LFS example from source under every heap limit from 24 KB to 160 KB in steps of 1 KB
    /// (two halves, run in parallel).
    @Test(arguments: [24...91, 92...160])
    func lfsApplicationUnderEveryHeapLimit(kilobytes: ClosedRange<Int>) {
        let host = Self.lfsAppHost()
        let counts = Self.sweep(Self.lfsAppWorkload, limits: kilobytes.map { $0 * 1024 }, host: host)
        print("lfs-app from source, heap \(kilobytes.lowerBound)...\(kilobytes.upperBound) KB: \(counts)")
        if kilobytes.upperBound >= 160 { #expect(counts.finished > 0) }
    }

    /// Tables, closures, coroutines, string building, require, pcall, metatables and finalizers,
    /// and the library functions whose allocation paths were fixed (string.format through
    /// __tostring, gsub through __index, sort and remove on a proxy, debug.getinfo, load).
    static let mixedWorkload =
        memoryErrorsEscape + """
            package.path = "?.lua"
            main(function()
              local out = {}
              local function emit(...)
                local parts = table.pack(...)
                for i = 1, parts.n do parts[i] = tostring(parts[i]) end
                out[#out + 1] = table.concat(parts, " ")
              end
              local Vec = {}
              Vec.__index = Vec
              Vec.__tostring = function(v) return ("Vec(%g,%g)"):format(v.x, v.y) end
              Vec.__add = function(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
              Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
              Vec.__lt = function(a, b) return a:len2() < b:len2() end
              Vec.__concat = function(a, b) return tostring(a) .. "~" .. tostring(b) end
              function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
              function Vec:len2() return self.x * self.x + self.y * self.y end
              local finalized = 0
              local Resource = { __gc = function(r) finalized = finalized + r.weight end }
              local function counter() local n = 0 return function(k) n = n + (k or 1) return n end end
              local function producer(n)
                return coroutine.wrap(function() for i = 1, n do coroutine.yield(Vec.new(i % 7, (i * 5) % 11)) end end)
              end
              for round = 1, 12 do
                local vs = {}
                for v in producer(25) do vs[#vs + 1] = v end
                table.sort(vs, function(a, b) return a.y < b.y or (a.y == b.y and a.x < b.x) end)
                local sum = Vec.new(0, 0)
                for _, v in ipairs(vs) do sum = sum + v end
                emit("round", round, sum, ("%s|%s"):format(vs[1], vs[#vs]), vs[1] .. vs[2], vs[1] == Vec.new(vs[1].x, vs[1].y))
                local c = counter()
                for i = 1, 10 do c(i) end
                emit("counter", c(0))
                local s = ("abc"):rep(20, ",")
                local upper = setmetatable({}, { __index = function(_, k) return k:upper() .. #k .. ("!"):rep(40) end })
                local replaced, n = s:gsub("%a+", upper)
                emit(#replaced, n, replaced:sub(1, 12), (s:gsub("(b)(c)", "%2%1")):sub(1, 8), s:gsub("a", function(a) return a .. a end):len())
                emit(table.concat({ ("x"):rep(5), 42, 3.5 }, "-"), string.unpack("<i4s1", string.pack("<i4s1", round, "hi")))
                local store = {}
                local proxy = setmetatable({}, {
                  __index = store,
                  __newindex = function(_, k, v) store[k] = v; if k % 5 == 0 then local _ = { k } end end,
                  __len = function() return #store end })
                for i = 1, 20 do table.insert(proxy, { id = i, name = "item" .. i }) end
                local removed = table.remove(proxy, 5)
                table.sort(proxy, function(a, b) return a.id > b.id end)
                emit("proxy", removed.name, #store, store[1].name, store[#store].name)
                for i = 1, 10 do setmetatable({ weight = i }, Resource) end
                local chunk = load("local a, b = ... return a * b, debug.getinfo(1, 'S').what", "=chunk")
                emit("load", chunk(round, 7))
                local m = require("mod" .. (round % 3 + 1))
                emit("require", m.describe())
                if round % 2 == 0 then package.loaded["mod" .. (round % 3 + 1)] = nil end
                local ok, err = pcall(function() local t = nil; return t.x end)
                emit("error", ok, err)
                local ok2, e2 = pcall(error, setmetatable({ code = round }, { __tostring = function(e) return "E" .. e.code end }))
                emit("error object", ok2, tostring(e2))
                local function va(...) return select("#", ...), select(2, ...) end
                emit("varargs", va(1, nil, 3))
                emit(utf8.char(72, 228, 8364), utf8.len("h\\u{e4}ll\\u{20ac}"), os.date("!%Y-%m-%d %H:%M:%S", 86400 * round))
                local info = debug.getinfo(1, "Sl")
                emit("info", info.short_src, info.currentline, info.what)
                local weak = setmetatable({}, { __mode = "k" })
                weak[{}] = round
              end
              collectgarbage()
              collectgarbage()
              emit("finalized", finalized)
              print(table.concat(out, "\\n"))
            end)
            """

    /// The mixed workload under every heap limit from 24 KB to 96 KB in steps of 512 bytes.
    @Test func mixedWorkloadUnderEveryHeapLimit() {
        var files: [String: String] = [:]
        for i in 1...3 {
            files["mod\(i).lua"] = """
                local M, calls = {}, 0
                function M.describe() calls = calls + 1 return "mod\(i):" .. calls end
                return M
                """
        }
        let counts = Self.sweep(
            Self.mixedWorkload, limits: stride(from: 24 * 1024, through: 96 * 1024, by: 512), host: Self.host(files: files))
        print("mixed workload, heap 24...96 KB: \(counts)")
        #expect(counts.finished > 0)
    }
}
