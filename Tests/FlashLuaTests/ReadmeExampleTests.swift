import FlashLua
import Testing

/// The README's embedding example, as written there (public API only), so the docs cannot rot.
@Suite struct ReadmeExampleTests {
    @Test func readmeEmbeddingExampleWorksAsDocumented() throws {
        let lua = try LuaState(heapLimit: 64 * 1024)
        try lua.register("celsius") { _, args throws(LuaScriptError) in
            guard case .number(let f) = args.first else { throw LuaScriptError(message: "number expected") }
            return [.number((f - 32) * 5 / 9)]
        }
        let results = try lua.run("return celsius(212.0), ('ok'):rep(2)")
        #expect(results == [.number(100.0), .string("okok")])

        try lua.run("function area(w, h) return w * h end")
        let area = try lua.call(global: "area", [.integer(6), .integer(7)])
        #expect(area == [.integer(42)])

        do {
            try lua.run("local cfg; return cfg.port", chunkName: "@app.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "app.lua:1: attempt to index a nil value (local 'cfg')")
            #expect(error.traceback?.hasPrefix("stack traceback:") == true)
        }
    }
}
