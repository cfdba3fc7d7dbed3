import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU

/// The device's Lua is NodeMCU's: its library set and compat options (app/lua53/linit.c,
/// lmathlib.c, lbaselib.c, loadlib.c, luaconf.h, lstrlib.c) and its handling of errors in
/// callbacks (lauxlib.c luaL_pcallx, node.c node_setonerror/default_onerror).
@Suite struct NodeMCULuaTests {
    /// A state with the device libraries on a virtual clock; `print` output is collected.
    final class Device {
        let L: LuaState
        let loop: EventLoop
        var output: [UInt8] = []

        init(heapLimit: Int = Int.max) throws {
            var device = DeviceServices()
            device.clock = .virtual()
            L = try LuaState(heapLimit: heapLimit)
            loop = try L.openDeviceLibraries(device)
            L.writeOutput = { [unowned self] bytes in self.output += bytes }
        }

        var printed: String { String(decoding: output, as: UTF8.self) }
        func value(_ expression: String) throws -> [LuaValue] { try L.run("return " + expression) }
    }

    @Test func librariesAreTheFirmwares() throws {
        let d = try Device()
        #expect(try d.value("io, os, bit32") == [.nil, .nil, .nil])
        #expect(try d.value("package.loaded.io, package.loaded.os, package.loaded.bit32") == [.nil, .nil, .nil])
        // LUA_COMPAT_MATHLIB is off: none of its functions.
        #expect(
            try d.value("math.atan2, math.cosh, math.sinh, math.tanh, math.pow, math.frexp, math.ldexp, math.log10")
                == Array(repeating: .nil, count: 8))
        var count = 0
        for case .integer(let n) in try d.value("(function() local n = 0 for _ in pairs(math) do n = n + 1 end return n end)()") {
            count = Int(n)
        }
        #expect(count == LuaState.nodeMCUMathFields.count)
        #expect(LuaState.nodeMCUMathFields.count == 27, "lmathlib.c: 23 functions, pi, huge, maxinteger, mininteger")
        #expect(try d.value("package.loadlib, package.cpath, package.path") == [.nil, .nil, .string("?.lc;?.lua")])
        // preload, the Lua file searcher, then node.LFS's searcher (this device's).
        #expect(try d.value("package.loaders == package.searchers, #package.searchers") == [.boolean(true), .integer(3)])
    }

    @Test func compatFunctions() throws {
        let d = try Device()
        #expect(try d.value("unpack({1, 2, 3}, 2)") == [.integer(2), .integer(3)])
        #expect(try d.value("select('#', unpack({}, 1, 3))") == [.integer(3)])
        // luaB_unpack looks table.unpack up at each call.
        #expect(try d.value("(function() table.unpack = function() return 'mine' end return unpack({1}) end)()") == [.string("mine")])
        #expect(try d.value("loadstring == load, loadstring('return 6 * 7')()") == [.boolean(true), .integer(42)])
        #expect(try d.value("(function() local n = 0 for _ in ipairs(setmetatable({1, 2}, {__ipairs = error})) do n = n + 1 end return n end)()") == [.integer(2)])
        #expect(try d.value("getmetatable('') == string, ('%d-%s') % {5, 'x'}, ('%.1f') % 2.25") == [.boolean(true), .string("5-x"), .string("2.2")])
    }

    @Test func setOnErrorHandlerGetsTheReportAndNothingRestarts() throws {
        let d = try Device()
        try d.L.run(
            """
            reports = {}
            node.setonerror(function(s) reports[#reports + 1] = s end)
            tmr.create():alarm(10, tmr.ALARM_SINGLE, function() error('boom') end)
            tmr.create():alarm(20, tmr.ALARM_SINGLE, function() error({code = 7}) end)
            """,
            chunkName: "@init.lua")
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.loop.errorRestartArmedAt == nil)
        let first = try d.value("reports[1]")
        guard case .string(let report) = first.first else { Issue.record("no report: \(first)"); return }
        #expect(report == "init.lua:3: boom\nstack traceback:\n\t[C]: in function 'error'\n\tinit.lua:3: in function <init.lua:3>")
        // debug.traceback returns a non-string message untouched.
        #expect(try d.value("type(reports[2]), reports[2].code, #reports") == [.string("table"), .integer(7), .integer(2)])
    }

    @Test func defaultHandlerPrintsThenRestartsTwoSecondsAfterTheFirstError() throws {
        let d = try Device()
        try d.L.run(
            """
            tmr.create():alarm(100, tmr.ALARM_SINGLE, function() error('first', 0) end)
            tmr.create():alarm(1000, tmr.ALARM_SINGLE, function() error('second', 0) end)
            """)
        do {
            try d.loop.runUntilIdle()
            Issue.record("expected a restart")
        } catch {
            #expect(error.kind == .restart)
        }
        #expect(d.loop.uptime == 2_100_000, "node.c: DELAY2SEC after the first error, not moved by the second")
        #expect(d.loop.errorRestartArmedAt == 100_000)
        #expect(d.printed.hasPrefix("first\nstack traceback:\n"))
        #expect(d.printed.contains("\nsecond\nstack traceback:\n"))
    }

    @Test func setOnErrorWithoutAFunctionRestoresTheDefault() throws {
        let d = try Device()
        try d.L.run(
            """
            node.setonerror(function() end)
            node.setonerror()
            node.task.post(function() error('task', 0) end)
            """)
        #expect(throws: LuaError.self) { try d.loop.runUntilIdle() }
        #expect(d.printed.hasPrefix("task\nstack traceback:\n"))
    }

    @Test func memoryErrorsAreReportedAsOutOfMemory() throws {
        let d = try Device(heapLimit: 400_000)
        try d.L.run(
            """
            reports = {}
            node.setonerror(function(s) reports[#reports + 1] = s end)
            tmr.create():alarm(10, tmr.ALARM_SINGLE, function() local t = {} for i = 1, 1e7 do t[i] = i end end)
            """)
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(try d.value("reports[1], #reports") == [.string("out of memory"), .integer(1)])
    }

    @Test func consoleReportsAsLuaC() throws {
        let d = try Device()
        var console = DeviceConsole()
        // msghandler is debug.traceback(message, 2): a table passes untouched, nil becomes the
        // bare traceback; dojob prints "Lua error: " before any non-nil report.
        try console.enter("error({})", in: d.L)
        try console.enter("error()", in: d.L)
        try console.enter("debug.traceback = nil error('no traceback')", in: d.L)
        let lines = d.printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("Lua error: \ttable: 0x"))
        #expect(lines[1] == "Lua error: \tstack traceback:")
        // Without debug.traceback, msghandler returns that field (nil): no prefix for a nil report.
        #expect(Array(lines.suffix(2)) == ["nil", ""])
    }
}
