import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

@Suite struct EmbeddingTests {
    @Test func runReturnsValues() throws {
        let L = try LuaState()
        #expect(
            try L.run("return 1 + 2, 'a' .. 'b', 2^10, nil, true") == [.integer(3), .string("ab"), .number(1024), .nil, .boolean(true)])
    }

    @Test func swiftFunctionsAreCallableFromLua() throws {
        let L = try LuaState()
        try L.register("add") { _, args throws(LuaScriptError) in
            guard case .integer(let a) = args[0], case .integer(let b) = args[1] else {
                throw LuaScriptError(message: "integers expected")
            }
            return [.integer(a + b)]
        }
        #expect(try L.run("return add(40, 2)") == [.integer(42)])
        do {
            try L.run("return add('x', 2)", chunkName: "=t")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "t:1: integers expected")
        }
    }

    @Test func callLuaFunctionWithSwiftValues() throws {
        let L = try LuaState()
        try L.run("function greet(name, n) return ('hi ' .. name):rep(n, ' ') end")
        #expect(try L.call(global: "greet", [.string("bob"), .integer(2)]) == [.string("hi bob hi bob")])
    }

    @Test func errorsCarryMessageAndTraceback() throws {
        let L = try LuaState()
        do {
            try L.run("local cfg\nlocal function f() return cfg.port end\nf()", chunkName: "@app.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "app.lua:2: attempt to index a nil value (upvalue 'cfg')")
            #expect(error.traceback?.hasPrefix("stack traceback:") == true)
            #expect(error.traceback?.contains("app.lua:2: in local 'f'") == true)
        }
    }

    @Test func syntaxErrorsAreTyped() throws {
        let L = try LuaState()
        do {
            try L.run("x = = 1", chunkName: "=input")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message == "input:1: unexpected symbol near '='")
        }
    }

    @Test func globalsRoundTrip() throws {
        let L = try LuaState()
        L[global: "answer"] = .integer(42)
        #expect(try L.run("return answer * 2") == [.integer(84)])
        try L.run("t = { x = 1 }")
        guard case .table = L[global: "t"] else {
            Issue.record("expected a table")
            return
        }
    }
}
