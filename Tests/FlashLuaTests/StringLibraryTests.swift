import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// The string and utf8 libraries through the embedding API: what the conformance suite cannot
/// check (heap limits, collections in the middle of library calls).
@Suite struct StringLibraryTests {
    @Test func basicFunctions() throws {
        let L = try LuaState()
        #expect(
            try L.run("return ('%d|%5.1f|%q'):format(7, 2.25, 'a\\n'), ('abc'):rep(2, '-')")
                == [.string("7|  2.2|\"a\\\n\""), .string("abc-abc")])
        #expect(try L.run("return ('key=val'):match('(%w+)=(%w+)')") == [.string("key"), .string("val")])
        #expect(try L.run("return ('hello world'):gsub('o', {o = '0'})") == [.string("hell0 w0rld"), .integer(2)])
        #expect(try L.run("return string.unpack('<i4', string.pack('<i4', -2))") == [.integer(-2), .integer(5)])
        #expect(try L.run("return utf8.len('h\\u{E4}llo'), utf8.char(8364)") == [.integer(5), .string("\u{20AC}")])
    }

    @Test func errorsCarryLuaMessages() throws {
        let L = try LuaState()
        func message(_ code: String) -> String? {
            do {
                _ = try L.run(code, chunkName: "=t")
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("return ('x'):rep(1e10)") == "t:1: resulting string too large")
        #expect(message("return string.find('a', '%')") == "t:1: malformed pattern (ends with '%')")
        #expect(message("return string.format('%y', 1)") == "t:1: invalid option '%y' to 'format'")
        #expect(message("return string.gsub('a', 'a', true)") == "t:1: bad argument #3 to 'gsub' (string/function/table expected)")
        #expect(message("return string.dump(print)") == "t:1: unable to dump given function")
    }

    /// Huge results fail as "not enough memory" under a heap limit, and the state stays usable
    /// (emergency collections inside library calls, then normal ones, then emergency ones again).
    @Test func hugeResultsRespectTheHeapLimit() throws {
        let L = try LuaState(heapLimit: 8 << 20)
        let script = """
            local results = {}
            for round = 1, 3 do
              local ok1, e1 = pcall(string.rep, "x", 1e8)
              local ok2, e2 = pcall(string.gsub, string.rep("x", 1000), "x", string.rep("y", 100000))
              local big = string.rep("z", 2e6)
              local ok3, e3 = pcall(string.format, "%s %s %s %s", big, big, big, big)
              local ok4, e4 = pcall(string.pack, "c100000000", "")
              collectgarbage()
              results[#results + 1] = table.concat({tostring(ok1), e1, tostring(ok2), e2, tostring(ok3), e3, tostring(ok4), e4}, ",")
            end
            return results[1], results[3], #string.rep("ok", 1000)
            """
        let expected = "false,not enough memory,false,not enough memory,false,not enough memory,false,not enough memory"
        #expect(try L.run(script) == [.string(expected), .string(expected), .integer(2000)])
        #expect(L.totalBytes < 8 << 20)
    }

    @Test func gsubCallbacksSurviveCollections() throws {
        let L = try LuaState()
        let script = """
            collectgarbage("setpause", 1)
            local n = 0
            local s = string.rep("abc ", 2000)
            local r = s:gsub("%w+", function(w) n = n + 1; local t = {w:upper(), string.rep(w, 3)}; return t[1] .. #t[2] end)
            local parts = {}
            for a, b in r:gmatch("(%u+)(%d+)") do parts[#parts + 1] = a .. b end
            return n, #parts, parts[1], parts[#parts]
            """
        #expect(try L.run(script) == [.integer(2000), .integer(2000), .string("ABC9"), .string("ABC9")])
    }
}
