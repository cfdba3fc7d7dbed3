import FlashLuaBytecode
import FlashLuaCompiler
import Testing

/// softmodule's `dumpfunction` on a module that is not loaded: which nested function the main
/// chunk stores under a name, found in the bytecode whatever way the source writes it.
struct ModuleFunctionFinderTests {
    /// The line where the found function is defined, or the failure.
    func find(_ field: String, in source: String, module: String = "m") -> Result<Int32, ModuleFunctionFinder.Failure> {
        let main: FunctionDescription
        do {
            main = try compile(Array(source.utf8), chunkName: Array("@m.lua".utf8))
        } catch {
            Issue.record("does not compile: \(String(decoding: error.message, as: UTF8.self))")
            return .failure(.notFound)
        }
        do {
            let index = try ModuleFunctionFinder.find(field: Array(field.utf8), moduleName: Array(module.utf8), in: main)
            return .success(main.protos[index].lineDefined)
        } catch {
            return .failure(error)
        }
    }

    @Test func everyWayOfWritingAModuleFunction() {
        let source = """
            local M = {}
            function M.dot(a) return a end
            function M:method(a) return self, a end
            M.assigned = function() end
            local function later() end
            M.later = later
            local anon = function() end
            M.anon = anon
            local x, y = 1, 2
            M.afterLocals = function() return x + y end
            return M
            """
        #expect(find("dot", in: source) == .success(2))
        #expect(find("method", in: source) == .success(3))
        #expect(find("assigned", in: source) == .success(4))
        #expect(find("later", in: source) == .success(5))
        #expect(find("anon", in: source) == .success(7))
        #expect(find("afterLocals", in: source) == .success(10))
        #expect(find("missing", in: source) == .failure(.notFound))
    }

    @Test func aTableConstructorReturned() {
        let source = """
            local function a() end
            local function b() end
            return { a = a, bee = b, c = function() end, 42 }
            """
        #expect(find("a", in: source) == .success(1))
        #expect(find("bee", in: source) == .success(2))
        #expect(find("c", in: source) == .success(3))
        #expect(find("b", in: source) == .failure(.notFound))
    }

    @Test func aGlobalModuleTable() {
        let source = """
            sensor = {}
            function sensor.read() end
            local function helper() end
            sensor.help = helper
            function other() end
            """
        #expect(find("read", in: source, module: "sensor") == .success(2))
        #expect(find("help", in: source, module: "sensor") == .success(3))
        #expect(find("other", in: source, module: "sensor") == .failure(.notFound))
        // A global function assigned first and stored later.
        #expect(find("g", in: "function gf() end\nlocal M = {}\nM.g = gf\nreturn M") == .success(1))
    }

    @Test func onlyTheModuleTableCounts() {
        let source = """
            local M, other = {}, {}
            function other.f() end
            function M.g() end
            return M
            """
        #expect(find("f", in: source) == .failure(.notFound))
        #expect(find("g", in: source) == .success(3))
    }

    @Test func whatCannotBeSplitOut() {
        let source = """
            local M = {}
            M.made = (function() return function() end end)()
            M.number = 42
            M.other = string.format
            if debug then function M.twice() end else function M.twice() end end
            return M
            """
        #expect(find("made", in: source) == .failure(.notAFunction))
        #expect(find("number", in: source) == .failure(.notAFunction))
        #expect(find("other", in: source) == .failure(.notAFunction))
        #expect(find("twice", in: source) == .failure(.ambiguous))
    }

    @Test func registersReusedForOtherValuesAreForgotten() {
        let source = """
            local M = {}
            do
                local f = function() end
                M.first = f
            end
            do
                local g = 10
                M.second = g
            end
            return M
            """
        #expect(find("first", in: source) == .success(3))
        #expect(find("second", in: source) == .failure(.notAFunction))
    }

    @Test func manyConstantsStillFound() {
        // Past 256 constants a field name is loaded into a register first (LOADK, not RK).
        var source = "local M = {}\nlocal t = {"
        for i in 0..<300 { source += "\"k\(i)\"," }
        source += "}\nfunction M.late() end\nreturn M"
        #expect(find("late", in: source) == .success(3))
    }
}
