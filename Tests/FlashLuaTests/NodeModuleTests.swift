import FlashLuaHost
import Glibc
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// The `node` module and the serial console of the device model, on an in-memory file system.
@Suite struct NodeModuleTests {
    final class Device {
        let L: LuaState
        var output: [UInt8] = []
        var table = PartitionTable.standard()
        var staged: PartitionTable?

        init(heapBudget: Int = 44 * 1024) throws {
            var host = HostServices()
            var device = DeviceServices()
            let files = DeviceFileSystem(storage: .inMemory(), partitionSize: 64 * 1024)
            device.fileSystem = files
            host.readFile = { name in
                guard let name, let bytes = try? files.contents(of: name) else { return .failure("No such file or directory") }
                return .bytes(bytes)
            }
            L = try LuaState(heapLimit: Int.max, host: host)
            L.device = device
            _ = try L.openDeviceLibraries()
            L.device.partitionTable = { [unowned self] in self.table }
            L.device.setPartitionTable = { [unowned self] t in
                do throws(FlashError) {
                    try t.validate(flashSize: defaultFlashSize)
                } catch {
                    return error.message
                }
                self.staged = t
                return nil
            }
            L.writeOutput = { [unowned self] bytes in self.output += bytes }
            L.heapModel = .nodeMCU32
            L.collectGarbage()
            L.heapLimit = L.totalBytes + heapBudget
        }

        var printed: String { String(decoding: output, as: UTF8.self) }
    }

    @Test func chipFactsAndInfo() throws {
        let d = try Device()
        #expect(
            try d.L.run("return node.chipid(), node.flashsize(), node.getcpufreq()") == [
                .integer(0xC0FFEE), .integer(4_194_304), .integer(80),
            ])
        #expect(
            try d.L.run("return select('#', node.info()), node.info('hw').flash_size, node.info('sw_version').node_version_major")
                == [.integer(8), .integer(4096), .integer(3)])
        #expect(try d.L.run("return node.info('build_config').modules") == [.string("file,node,tmr")])
        #expect(throws: LuaScriptError.self) { try d.L.run("node.info('nonsense')") }
    }

    @Test func heapIsTheFreeBudget() throws {
        let d = try Device(heapBudget: 20_000)
        // All of the budget is free after boot, less what running this chunk allocates.
        let free = try d.L.run("return node.heap()")
        guard case .integer(let bytes)? = free.first else {
            Issue.record("no result")
            return
        }
        #expect(bytes > 19_000 && bytes <= 20_000)
        // A 2,000-entry table costs its 32-bit size: the free heap drops by about that much.
        let results = try d.L.run(
            "collectgarbage() local before = node.heap() t = {} for i = 1, 1000 do t[i] = i end return before - node.heap()")
        guard case .integer(let used)? = results.first else {
            Issue.record("no result")
            return
        }
        #expect(used >= 8 * 1000 && used < 8 * 1024 + 200)
        #expect(
            try d.L.run("local ok, e = pcall(function() local u = {} for i = 1, 1e6 do u[i] = {} end end) return e") == [
                .string("not enough memory")
            ])
    }

    @Test func compileWritesALcFileThatRuns() throws {
        let d = try Device()
        try d.L.run("file.putcontents('hello.lua', 'return 6 * 7')")
        try d.L.run("node.compile('hello.lua')")
        #expect(try d.L.run("return dofile('hello.lc'), file.exists('hello.lc')") == [.integer(42), .boolean(true)])
        try d.L.run("file.putcontents('bad.lua', 'return = 1')")
        #expect(throws: LuaScriptError.self) { try d.L.run("node.compile('bad.lua')") }
        #expect(try d.L.run("return pcall(node.compile, 'missing.lua')").first == .boolean(false))
    }

    @Test func partitionTableIsCheckedThenAppliedByARestart() throws {
        let d = try Device()
        #expect(
            try d.L.run("local p = node.getpartitiontable() return p.lfs_addr, p.lfs_size, p.spiffs_addr") == [
                .integer(0x80000), .integer(0x80000), .integer(0x100000),
            ])
        let refused = try d.L.run("return pcall(node.setpartitiontable, {lfs_size = 0x1001})")
        #expect(refused.first == .boolean(false))
        #expect(d.staged == nil)
        do {
            try d.L.run("node.setpartitiontable{lfs_size = 0x40000}")
            Issue.record("no restart")
        } catch {
            #expect(error.kind == .restartRequested)
        }
        #expect(
            d.staged
                == PartitionTable(lfsAddress: 0x80000, lfsSize: 0x40000, spiffsAddress: 0x100000, spiffsSize: defaultFlashSize - 0x100000))
    }

    @Test func restartCannotBeCaught() throws {
        let d = try Device()
        do {
            try d.L.run("pcall(node.restart) print('not reached')")
            Issue.record("no restart")
        } catch {
            #expect(error.kind == .restartRequested)
        }
        #expect(!d.printed.contains("not reached"))
    }

    @Test func consolePrintsResultsContinuesChunksAndReportsErrors() throws {
        let d = try Device()
        var console = DeviceConsole()
        #expect(console.prompt == "> ")
        try console.enter("=1 + 1", in: d.L)
        try console.enter("x = 10", in: d.L)
        try console.enter("for i = 1, 2 do", in: d.L)
        #expect(console.prompt == ">> ")
        try console.enter("print(x + i)", in: d.L)
        try console.enter("end", in: d.L)
        #expect(console.prompt == "> ")
        // lua.c's dojob: errors printed as print("Lua error: ", report); only "=expr" returns:
        // a bare expression is an incomplete statement ("syntax error near <eof>"), so the next
        // line continues it.
        try console.enter("error('boom')", in: d.L)
        try console.enter("x", in: d.L)
        #expect(console.prompt == ">> ")
        try console.enter("= 5", in: d.L)
        try console.enter("x y", in: d.L)
        try console.enter("=x", in: d.L)
        #expect(d.printed.hasPrefix("2\n11\n12\nLua error: \tstdin:1: boom\nstack traceback:"))
        #expect(d.printed.hasSuffix("\nLua error: \tstdin:1: syntax error near 'y'\n5\n"))
        do {
            try console.enter("node.restart()", in: d.L)
            Issue.record("no restart")
        } catch {
            #expect(error.kind == .restartRequested)
        }
    }
}
