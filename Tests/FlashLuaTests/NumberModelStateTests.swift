import FlashLuaBytecode
import FlashLuaCompiler
import Testing

@testable import FlashLua
@testable import FlashLuaCore

/// The number model as a property of a state: chosen at creation, lua5.3's by default, and
/// NodeMCU's 32-bit integers and floats for `.int32Float`, in the VM, its slow paths, the
/// libraries, loading and the embedding API.
@Suite struct NumberModelStateTests {
    /// Overflow, shifts, division, float rounding and text, through locals (no constant folding).
    let probe = """
        local max, one, big, third = 0x7fffffff, 1, 16777217, 3
        return max + one, one << 31, math.mininteger // -1, big + 0.0, tostring(one / third),
            math.maxinteger, string.format('%x', -one), tostring(2^53)
        """

    @Test func defaultStateIsLua53() throws {
        let L = try LuaState()
        #expect(L.numbers == .int64Double)
        #expect(
            try L.run(probe) == [
                .integer(2_147_483_648), .integer(2_147_483_648), .integer(-9_223_372_036_854_775_807 - 1),
                .number(16_777_217), .string("0.33333333333333"), .integer(Int64.max), .string("ffffffffffffffff"),
                .string("9.007199254741e+15"),
            ])
    }

    @Test func int32FloatStateComputesAsNodeMCU() throws {
        let L = try LuaState(numbers: .int32Float)
        #expect(L.numbers == .int32Float)
        #expect(
            try L.run(probe) == [
                .integer(-2_147_483_648), .integer(-2_147_483_648), .integer(-2_147_483_648), .number(16_777_216),
                .string("0.3333333"), .integer(2_147_483_647), .string("ffffffff"), .string("9.007199e+15"),
            ])
    }

    @Test func statesOfBothModelsRunSideBySide() throws {
        let narrow = try LuaState(numbers: .int32Float)
        let wide = try LuaState()
        let source = "local x = 0x40000000 return x * 4, 0.1 + x - x"
        #expect(try narrow.run(source) == [.integer(0), .number(0)])
        #expect(try wide.run(source) == [.integer(4_294_967_296), .number(0.099999904632568359)])
        #expect(try narrow.run("return 1 / 10") == [.number(Double(Float(0.1)))])
        #expect(try wide.run("return 1 / 10") == [.number(0.1)])
    }

    /// Every entry into the interpreter loop picks the state's model: a coroutine resumed from
    /// a library function, a Lua function called from Swift, a metamethod.
    @Test func everyEntryIntoTheLoopUsesTheModel() throws {
        let L = try LuaState(numbers: .int32Float)
        try L.run(
            """
            function grow(x) return x * 65536 end
            co = coroutine.wrap(function(x) local y = coroutine.yield(x + 0x7fffffff) return y << 16 end)
            mt = setmetatable({}, {__add = function(a, b) return b * 0x10000 end})
            """)
        #expect(try L.call(global: "grow", [.integer(65536)]) == [.integer(0)])
        #expect(try L.call(global: "co", [.integer(1)]) == [.integer(-2_147_483_648)])
        #expect(try L.call(global: "co", [.integer(0x10000)]) == [.integer(0)])
        #expect(try L.run("return mt + 0x8000") == [.integer(-2_147_483_648)])
    }

    @Test func numericForLoopsClipAndWrapAt32Bits() throws {
        let L = try LuaState(numbers: .int32Float)
        let r = try L.run(
            """
            local n, last = 0, nil
            for i = math.maxinteger - 1, math.maxinteger do n = n + 1 last = i if n == 3 then break end end
            local m = 0
            for i = 1, 2^40, 2^30 | 0 do m = m + 1 if m == 4 then break end end
            return n, last, m
            """)
        #expect(r == [.integer(3), .integer(-2_147_483_648), .integer(4)])
    }

    @Test func floatKeysBeyondTheIntegerRangeStayFloats() throws {
        let L = try LuaState(numbers: .int32Float)
        #expect(
            try L.run("local t = {} t[2^31] = 1 t[2.0^30] = 2 return math.type(next({[2^31] = 1})), t[2^31], t[1 << 30]")
                == [.string("float"), .integer(1), .integer(2)])
    }

    @Test func swiftValuesEnterTheModel() throws {
        let L = try LuaState(numbers: .int32Float)
        try L.register("wide") { _, _ throws(LuaScriptError) in [.integer(1 << 32 | 5), .number(0.1)] }
        #expect(try L.run("local a, b = wide() return a, b == 1 / 10") == [.integer(5), .boolean(true)])
    }

    /// A lua5.3 binary chunk in a 32-bit state: floats rounded, an integer the chip cannot hold
    /// is an error naming the chunk.
    @Test func lua53BinaryChunksAreFittedOrRejected() throws {
        func dumped(_ source: String) throws -> [UInt8] {
            BinaryChunk.dump(try compile(Array(source.utf8), chunkName: Array("=wide".utf8)), strip: false)
        }
        let L = try LuaState(numbers: .int32Float)
        let fitting = try dumped("return 0.1, 2147483647")
        let closure = try fitting.withUnsafeBufferPointer { b throws(LuaError) in try L.load(b, chunkName: Array("=fit".utf8)) }
        #expect(try L.callProtected(Value(closure), []) == [.number(Double(Float(0.1))), .integer(2_147_483_647)])
        let tooWide = try dumped("return 4294967296")
        do {
            _ = try tooWide.withUnsafeBufferPointer { b throws(LuaError) in try L.load(b, chunkName: Array("=wide".utf8)) }
            Issue.record("expected an error")
        } catch {
            #expect(L.rawToStringBytes(error.value) == Array("wide: integer constant 4294967296 out of range for 32-bit numbers".utf8))
        }
    }

    @Test func librariesSeeTheModel() throws {
        let L = try LuaState(numbers: .int32Float)
        #expect(
            try L.run(
                "return string.packsize('j'), string.packsize('n'), math.pi, tonumber('ffffffff', 16), math.tointeger(2^31), math.ult(1, -1)"
            ) == [.integer(4), .integer(4), .number(3.1415927410125732), .integer(-1), .nil, .boolean(true)])
        // The ESP8266's float modulo (llimits.h, LUA_USE_ESP8266) raises an error for 0.
        #expect(try L.run("local z = 0 return pcall(function() return 7.5 % z end)", chunkName: "=m") == [.boolean(false), .string("m:1: modulo by zero")])
        #expect(try LuaState().run("local z = 0 return 7.5 % z ~= 7.5 % z") == [.boolean(true)])
    }
}

/// A FlashLua image is read-only: a 32-bit state cannot round its constants, so it names what
/// it cannot run instead.
@Suite struct NumberModelImageTests {
    @Test func a32BitStateNamesConstantsItsImageCannotHold() throws {
        let wide = try ReadOnlyImageTests.Image(modules: [("half", "return 0.5, 2147483647"), ("big", "return 4294967296")])
        #expect(try LuaState(flashImage: wide.image).imageNumberProblem() == nil)
        #expect(
            try LuaState(flashImage: wide.image, numbers: .int32Float).imageNumberProblem()
                == "LFS module 'big': integer constant 4294967296 out of range for 32-bit numbers (the image was built for 64-bit numbers)")
        let tenth = try ReadOnlyImageTests.Image(modules: [("tenth", "local t = {} function t.f() return 0.1 end return t")])
        #expect(
            try LuaState(flashImage: tenth.image, numbers: .int32Float).imageNumberProblem()
                == "LFS module 'tenth': float constant 0.1 is not a 32-bit float (the image was built for 64-bit numbers)")
        let fits = try ReadOnlyImageTests.Image(modules: [("half", "return 0.5, 2147483647")])
        let L = try LuaState(flashImage: fits.image, numbers: .int32Float)
        #expect(L.imageNumberProblem() == nil)
    }
}
