import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// The byte-counted heap and the tracing collector, observed through Lua and through the
/// state's own byte count.
@Suite struct HeapTests {
    func makeState(limit: Int = Int.max) throws -> LuaState {
        let L = try LuaState(heapLimit: limit)
        var output: [UInt8] = []
        L.writeOutput = { output.append(contentsOf: $0) }
        _ = output
        return L
    }

    @Test func bytesReturnAfterCollection() throws {
        let L = try makeState()
        L.collectGarbage()
        let baseline = L.totalBytes
        try L.run(
            """
            local keep = {}
            for i = 1, 2000 do keep[i] = { i, tostring(i) .. "x", function() return i end } end
            big = keep
            """)
        let grown = L.totalBytes
        #expect(grown > baseline + 100_000)
        try L.run("big = nil")
        L.collectGarbage()
        // Only the interned strings of the chunk itself and small bookkeeping may remain.
        #expect(L.totalBytes < baseline + 4_000, "heap \(L.totalBytes) vs baseline \(baseline)")
    }

    @Test func cyclesAreCollected() throws {
        let L = try makeState()
        L.collectGarbage()
        let baseline = L.totalBytes
        try L.run(
            """
            for i = 1, 500 do
              local a, b = {}, {}
              a.other, b.other = b, a
              a.self = a
            end
            """)
        L.collectGarbage()
        #expect(L.totalBytes < baseline + 4_000)
    }

    @Test func weakTablesAreCleared() throws {
        let L = try makeState()
        let results = try L.run(
            """
            local weakKeys = setmetatable({}, { __mode = "k" })
            local weakValues = setmetatable({}, { __mode = "v" })
            local strong = {}
            weakKeys[strong] = 1
            weakKeys[{}] = 2
            weakValues[1] = strong
            weakValues[2] = {}
            weakValues[3] = "strings stay"
            collectgarbage()
            local nk = 0
            for _ in pairs(weakKeys) do nk = nk + 1 end
            return nk, weakValues[1] == strong, weakValues[2], weakValues[3]
            """)
        #expect(results == [.integer(1), .boolean(true), .nil, .string("strings stay")])
    }

    @Test func ephemeronValuesDoNotKeepKeysAlive() throws {
        let L = try makeState()
        let results = try L.run(
            """
            local t = setmetatable({}, { __mode = "k" })
            do local k = {}; t[k] = { ref = k } end
            collectgarbage()
            local n = 0
            for _ in pairs(t) do n = n + 1 end
            return n
            """)
        #expect(results == [.integer(0)])
    }

    @Test func finalizersRunInReverseOrderOfMarking() throws {
        let L = try makeState()
        let results = try L.run(
            """
            local order = {}
            for i = 1, 3 do
              setmetatable({}, { __gc = function() order[#order + 1] = i end })
            end
            collectgarbage()
            return table.concat and table.concat(order, ",") or (order[1] .. "," .. order[2] .. "," .. order[3])
            """)
        #expect(results == [.string("3,2,1")])
    }

    @Test func finalizerCanResurrect() throws {
        let L = try makeState()
        let results = try L.run(
            """
            saved = nil
            setmetatable({ name = "x" }, { __gc = function(o) saved = o end })
            collectgarbage()
            collectgarbage()
            return saved and saved.name
            """)
        #expect(results == [.string("x")])
    }

    @Test func heapLimitRaisesCatchableErrorAndStateRecovers() throws {
        let L = try makeState(limit: 256 * 1024)
        let results = try L.run(
            """
            local ok, err = pcall(function()
              local t = {}
              for i = 1, 1e7 do t[i] = { i } end
            end)
            collectgarbage()
            local after = {}
            for i = 1, 100 do after[i] = i * 2 end
            return ok, err, after[100]
            """)
        #expect(results == [.boolean(false), .string("not enough memory"), .integer(200)])
        #expect(L.totalBytes <= 256 * 1024)
    }

    @Test func collectgarbageCountTracksHeap() throws {
        let L = try makeState()
        let results = try L.run(
            """
            collectgarbage()
            local before = collectgarbage("count")
            local t = {}
            for i = 1, 10000 do t[i] = i end
            local after = collectgarbage("count")
            t = nil
            collectgarbage()
            local final = collectgarbage("count")
            return after - before > 100, final < after
            """)
        #expect(results == [.boolean(true), .boolean(true)])
    }
}
