import Testing

@testable import FlashLua
@testable import FlashLuaCore

/// Lua 5.3's closure cache (VM/ClosureCache.swift) under heap limits: a cache hit allocates
/// nothing, and the cache never keeps a closure alive (the collector empties an entry whose
/// closure it frees, so no cache holds a freed closure: run with `--sanitize=address`).
@Suite struct ClosureCacheTests {
    /// A state whose globals have `bytes()`, the heap's current total.
    static func state(limit: Int = Int.max, flashImage: FlashImage? = nil) throws -> LuaState {
        let L = try LuaState(heapLimit: limit, flashImage: flashImage)
        L.writeOutput = { _ in }
        try L.register(
            L.globals, [("bytes", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(Int64(L.totalBytes))) })])
        return L
    }

    /// A closure with one upvalue, and that upvalue.
    static func oneClosure(_ L: LuaState) -> Int { L.heapModel.bytes(.luaClosure(upvalues: 1)) + L.heapModel.bytes(.upvalue) }

    static func global(_ L: LuaState, _ name: String) throws -> Value {
        L.rawGet(L.globals, Value(try L.newString(Array(name.utf8))))
    }

    @Test func aCacheHitAllocatesNothingUnderAHeapLimit() throws {
        let L = try Self.state()
        // 16 KB above the libraries: 100000 closures (32 bytes each and more) would not fit
        // without collections, and the collector is stopped.
        L.heapLimit = L.totalBytes + 16 * 1024
        let results = try L.run(
            """
            local x = 3
            local before, n, first = 0, 0, nil
            collectgarbage("stop")
            before = bytes()
            for i = 1, 100000 do
              local f = function () return x end
              first = first or f
              assert(f == first)
              n = n + f()
            end
            local grew = bytes() - before
            collectgarbage("restart")
            return n, grew
            """)
        // One closure (and the upvalue of x) for all 100000 iterations.
        #expect(results == [.integer(300_000), .integer(Int64(Self.oneClosure(L)))])
    }

    @Test func aCachedClosureIsCollectedWhenUnreferenced() throws {
        let L = try Self.state()
        L.heapLimit = L.totalBytes + 64 * 1024
        _ = try L.run(
            """
            function make() return function () return 1 end end
            f = make()
            assert(f == make())
            """)
        let child = try Self.global(L, "make").luaClosure.proto.child(0)
        let f = try Self.global(L, "f").luaClosure
        #expect(child.closureCache == f.raw)
        // Referenced: it survives collections and stays cached.
        _ = try L.run("collectgarbage(); collectgarbage(); assert(f == make())")
        #expect(child.closureCache == f.raw)
        // Unreferenced: collected, and the entry emptied (nothing left to free twice or reuse).
        _ = try L.run("f = nil; collectgarbage()")
        #expect(child.closureCache == nil)
        let base = L.totalBytes
        // Many rounds of make-and-drop under the limit: the heap does not grow.
        _ = try L.run(
            """
            local weak = setmetatable({}, {__mode = "v"})
            for round = 1, 200 do
              weak[1] = make()
              for i = 1, 50 do local t = {} end
              collectgarbage()
              assert(weak[1] == nil)
            end
            """)
        _ = try L.run("collectgarbage()")
        #expect(child.closureCache == nil)
        #expect(L.totalBytes <= base)
        #expect(L.totalBytes == L.chargeLiveObjects(updatingHeaders: false))
    }

    @Test func imagePrototypesAreCachedInTheSideTable() throws {
        let image = try ReadOnlyImageTests.Image(modules: [
            (
                "cc",
                """
                local M = {}
                function M.make() return function () return 7 end end
                function M.loop(n, x)
                  local first
                  for i = 1, n do
                    local f = function () return x end
                    first = first or f
                    if f ~= first then return false end
                  end
                  return true
                end
                return M
                """
            )
        ])
        let L = try Self.state(flashImage: image.image)
        try L.openFlashStoreLibrary()
        let results = try L.run(
            """
            M = node.LFS.cc()
            local weak = setmetatable({}, {__mode = "v"})
            weak[1] = M.make()
            local same = weak[1] == M.make()
            collectgarbage()
            collectgarbage("stop")
            local before = bytes()
            local ok = M.loop(10000, 5)
            local grew = bytes() - before
            collectgarbage("restart")
            return same, weak[1] == nil, ok, grew
            """)
        #expect(results == [.boolean(true), .boolean(true), .boolean(true), .integer(Int64(Self.oneClosure(L)))])
        #expect(L.imageClosureCache != nil)
        _ = try L.run("collectgarbage()")
        // Every entry left is a live closure of an image prototype.
        for i in 0..<LuaState.imageClosureCacheCount {
            if let c = L.imageClosureCache![i].closure {
                #expect(LuaClosure(c).proto.isReadOnly && LuaClosure(c).proto.raw == L.imageClosureCache![i].proto)
            }
        }
        #expect(L.totalBytes == L.chargeLiveObjects(updatingHeaders: false))
    }
}
