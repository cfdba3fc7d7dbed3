import FlashLuaBytecode
import Testing

@testable import FlashLuaCompiler

private func compiled(_ source: String) throws -> FunctionDescription {
    try compile(Array(source.utf8), chunkName: Array("=t".utf8))
}

private func syntaxError(_ source: String) -> String? {
    do {
        _ = try compile(Array(source.utf8), chunkName: Array("=t".utf8))
        return nil
    } catch {
        return String(decoding: error.message, as: UTF8.self)
    }
}

struct CompilerTests {
    @Test func mainFunctionShape() throws {
        let f = try compiled("local a = 1\nreturn a + 2")
        #expect(f.isVararg)
        #expect(f.upvalues == [UpvalueDescription(name: Array("_ENV".utf8), inStack: true, index: 0)])
        #expect(f.localVariables.map(\.name) == [Array("a".utf8)])
        #expect(f.code.last.flatMap { $0.opcode } == .return)
        #expect(f.lineInfo.count == f.code.count)
    }

    @Test func constantFoldingFollowsLua53() throws {
        // Folded: integer and float arithmetic on numerals.
        #expect(try compiled("return 2^10").constants == [.float(1024)])
        #expect(try compiled("return 7 // 2").constants == [.integer(3)])
        #expect(try compiled("return 1 << 63").constants == [.integer(Int64.min)])
        // Not folded: division by zero, results of 0.0 or NaN, bitwise ops on non-integral floats.
        #expect(try compiled("return 1 // 0").code.contains { $0.opcode == .idiv })
        #expect(try compiled("return 0.0 * 1").code.contains { $0.opcode == .mul })
        #expect(try compiled("return 1.5 | 0").code.contains { $0.opcode == .bor })
    }

    @Test func integerAndFloatConstantsAreDistinct() throws {
        let f = try compiled("local a, b, c = 1, 1.0, 1")
        #expect(f.constants == [.integer(1), .float(1)])
    }

    @Test func nestedFunctionsCaptureUpvalues() throws {
        let f = try compiled("local x = 1\nlocal function g() return x end\nreturn g")
        #expect(f.protos.count == 1)
        let g = f.protos[0]
        #expect(g.lineDefined == 2 && g.lastLineDefined == 2)
        #expect(g.upvalues == [UpvalueDescription(name: Array("x".utf8), inStack: true, index: 0)])
    }

    @Test func syntaxErrorsReadLikeLua53() {
        #expect(syntaxError("x = = 1") == "t:1: unexpected symbol near '='")
        #expect(syntaxError("if x then\n\n") == "t:3: 'end' expected (to close 'if' at line 1) near <eof>")
        #expect(syntaxError("x = 'abc") == "t:1: unfinished string near <eof>")
        #expect(syntaxError("x = 'abc\nd'") == "t:1: unfinished string near ''abc'")
        #expect(syntaxError("x = 3..2") == "t:1: malformed number near '3..2'")
        #expect(syntaxError("goto nowhere") == "t:1: no visible label 'nowhere' for <goto> at line 1")
        #expect(syntaxError("break") == "t:1: <break> at line 1 not inside a loop")
        #expect(syntaxError("x = '\\q'") == "t:1: invalid escape sequence near ''\\q'")
        #expect(syntaxError("function f() x = ... end") == "t:1: cannot use '...' outside a vararg function near '...'")
        #expect(
            syntaxError("local " + (0..<201).map { "v\($0)" }.joined(separator: ","))
                == "t:1: too many local variables (limit is 200) in main function near <eof>")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "x = " + String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        #expect(syntaxError(deep)?.hasPrefix("t:1: too many C levels (limit is 200)") == true)
    }

    @Test func listingMatchesLuacFormat() throws {
        let text = listing(try compiled("print('hi')"))
        #expect(text.contains("main <t:0,0> (4 instructions at 0x1)"))
        #expect(text.contains("\tGETTABUP \t0 0 -1\t; _ENV \"print\""))
        #expect(text.contains("\tCALL     \t0 2 1"))
    }
}
