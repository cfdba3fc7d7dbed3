import FlashLua
import FlashLuaCompiler
import FlashLuaHost
import FlashLuaNodeMCU
import Glibc
import Testing

/// node.LFS.reload end to end on a flash file, as `flashlua --flash` runs it: everything is
/// checked before the flash is touched, a refused reload leaves the flash byte for byte as it
/// was, and an accepted one restarts (past any pcall) into the new image.
@Suite struct FlashReloadTests {
    /// A scratch directory with a flash file and Lua sources.
    final class Bench {
        let directory: String
        let flashPath: String
        let store: FlashFile

        init() throws {
            var template = Array("/tmp/flashlua-reload-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw Failure("mkdtemp") }
            directory = String(cString: made)
            flashPath = directory + "/flash.bin"
            store = try FlashFile(path: flashPath)
            _ = store.boot()
        }

        deinit {
            for name in HostPlatform.listDirectory(directory) ?? [] {
                let path = directory + "/" + name
                if let inner = HostPlatform.listDirectory(path) {
                    for n in inner { unlink(path + "/" + n) }
                    rmdir(path)
                } else {
                    unlink(path)
                }
            }
            rmdir(directory)
        }

        func write(_ name: String, _ text: String) throws {
            guard HostPlatform.writeWholeFile(directory + "/" + name, Array(text.utf8)) else { throw Failure("write \(name)") }
        }

        func write(_ name: String, bytes: [UInt8]) throws {
            guard HostPlatform.writeWholeFile(directory + "/" + name, bytes) else { throw Failure("write \(name)") }
        }

        func path(_ name: String) -> String { directory + "/" + name }

        /// A fresh state on the currently booted image, as after a restart.
        func state() throws -> LuaState {
            var host = HostPlatform.services()
            let L = try LuaState(heapLimit: 1 << 24, host: host, flashImage: store.image)
            try L.openFlashStoreLibrary(store.services())
            return L
        }

        var flashBytes: [UInt8] {
            guard case .bytes(let b) = HostPlatform.readWholeFile(flashPath) else { return [] }
            return b
        }

        func image(_ modules: [(String, String)], resources: [(String, [UInt8])] = []) throws -> [UInt8] {
            var builder = ImageBuilder()
            for (name, source) in modules {
                try builder.addModule(name: Array(name.utf8), try compile(Array(source.utf8), chunkName: Array("@\(name).lua".utf8)))
            }
            for (name, bytes) in resources { try builder.addResource(name: Array(name.utf8), bytes: bytes) }
            return try builder.build()
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    static let greet = "local M = {} function M.hi(n) return 'hi ' .. n end return M"
    static let counter = "local n = 0 return function() n = n + 1 return n end"

    /// Runs `code`; returns its results, or nil when it ended in a restart request.
    func runOrRestart(_ L: LuaState, _ code: String) throws -> [LuaValue]? {
        do {
            return try L.run(code)
        } catch {
            if error.kind == .restartRequested { return nil }
            throw error
        }
    }

    @Test func goodImageRestartsIntoIt() throws {
        let bench = try Bench()
        try bench.write("lfs.img", bytes: try bench.image([("greet", Self.greet), ("counter", Self.counter)]))
        let L = try bench.state()
        #expect(try L.run("return #node.LFS.list(), node.LFS.greet") == [.integer(0), .nil])
        // pcall does not catch the restart: nothing after the reload runs.
        let restarted = try runOrRestart(L, "pcall(node.LFS.reload, '\(bench.path("lfs.img"))') return 'still here'")
        #expect(restarted == nil)
        L.close()
        #expect(bench.store.boot().isEmpty)
        let M = try bench.state()
        #expect(
            try M.run("return table.concat(node.LFS.list(), ','), node.LFS.greet().hi('x'), require('counter')()")
                == [.string("greet,counter"), .string("hi x"), .integer(1)])
    }

    @Test func refusedReloadsLeaveTheFlashAsItWas() throws {
        let bench = try Bench()
        // Start with a good image in flash.
        try bench.write("good.img", bytes: try bench.image([("greet", Self.greet)]))
        #expect(try runOrRestart(try bench.state(), "node.LFS.reload('\(bench.path("good.img"))')") == nil)
        _ = bench.store.boot()
        let before = bench.flashBytes

        var corrupt = try bench.image([("counter", Self.counter)])
        corrupt[corrupt.count / 2] ^= 0x40
        try bench.write("corrupt.img", bytes: corrupt)
        try bench.write("garbage.img", "this is not an image")
        // Over the 512 KB partition: a 600 KB resource.
        try bench.write(
            "huge.img", bytes: try bench.image([("greet", Self.greet)], resources: [("blob", [UInt8](repeating: 65, count: 600_000))]))
        try bench.write("broken.lua", "local x = = 1")
        try bench.write("a.lua", "return 1")
        try FileManagerless.makeDirectory(bench.path("dir"))
        try bench.write("dir/a.lua", "return 2")

        let L = try bench.state()
        func reload(_ argument: String) throws -> String {
            let results = try runOrRestart(L, "return node.LFS.reload(\(argument))")
            guard let results, case .string(let message)? = results.first else { throw Failure("reload \(argument) restarted") }
            return message
        }
        #expect(try reload("'\(bench.path("corrupt.img"))'").contains("corrupt.img: checksum mismatch"))
        #expect(try reload("'\(bench.path("garbage.img"))'").contains("garbage.img: not an LFS image"))
        #expect(try reload("'\(bench.path("missing.img"))'").contains("missing.img: cannot read LFS image (No such file or directory)"))
        let huge = try reload("'\(bench.path("huge.img"))'")
        #expect(huge.contains("huge.img: image of") && huge.contains("does not fit the LFS partition of 524288 bytes"))
        #expect(try reload("'\(bench.path("broken.lua"))'").contains("broken.lua:1: unexpected symbol near '='"))
        let duplicate = try reload("{'\(bench.path("a.lua"))', '\(bench.path("dir/a.lua"))'}")
        #expect(duplicate.contains("module name 'a' is used by both") && duplicate.contains("dir/a.lua"))
        #expect(try reload("{}").contains("no .lua or .lc files"))

        // Nothing was written, and the old image still boots and runs.
        #expect(bench.flashBytes == before)
        #expect(try L.run("return node.LFS.greet().hi('y')") == [.string("hi y")])
        L.close()
        #expect(bench.store.boot().isEmpty)
        #expect(try bench.state().run("return table.concat(node.LFS.list(), ',')") == [.string("greet")])
    }

    @Test func reloadBuildsAnImageOnTheDeviceFromFilesOrAFolder() throws {
        let bench = try Bench()
        try FileManagerless.makeDirectory(bench.path("app"))
        try bench.write("app/greet.lua", Self.greet)
        try bench.write("app/counter.lua", Self.counter)
        try bench.write("app/notes.txt", "not a module")
        #expect(try runOrRestart(try bench.state(), "node.LFS.reload('\(bench.path("app"))')") == nil)
        _ = bench.store.boot()
        let L = try bench.state()
        // A folder's modules come in name order.
        #expect(try L.run("return table.concat(node.LFS.list(), ','), node.LFS.counter()()") == [.string("counter,greet"), .integer(1)])

        // A list of files, one of them precompiled.
        try L.run("local f = io.open('\(bench.path("pre.lc"))', 'wb') f:write(string.dump(load(\"return 'compiled'\"))) f:close()")
        #expect(try runOrRestart(L, "node.flashreload({'\(bench.path("app/greet.lua"))', '\(bench.path("pre.lc"))'})") == nil)
        _ = bench.store.boot()
        #expect(
            try bench.state().run("return table.concat(node.LFS.list(), ','), node.LFS.pre()") == [
                .string("greet,pre"), .string("compiled"),
            ])
    }

    @Test func aCorruptedFlashImageIsNeverBooted() throws {
        let bench = try Bench()
        try bench.write("lfs.img", bytes: try bench.image([("greet", Self.greet)]))
        #expect(try runOrRestart(try bench.state(), "node.LFS.reload('\(bench.path("lfs.img"))')") == nil)
        _ = bench.store.boot()
        guard let image = bench.store.image else { throw Failure("no image booted") }
        let offset = try bench.state().run("return node.LFS.config.base")
        #expect(offset == [.integer(Int64(bench.store.table.lfsAddress))])
        // Damage one byte of the image inside the flash file (as a failing chip would).
        let imageStart = bench.store.table.lfsAddress + LFSPartition.slotHeaderSize
        let fd = open(bench.flashPath, O_RDWR)
        var byte: UInt8 = 0
        _ = pread(fd, &byte, 1, off_t(imageStart + image.size / 2))
        byte ^= 0x10
        _ = pwrite(fd, &byte, 1, off_t(imageStart + image.size / 2))
        close(fd)
        let notes = bench.store.boot()
        #expect(bench.store.image == nil)
        #expect(notes.contains { $0.contains("LFS is empty") })
    }
}

/// Directory creation without Foundation.
enum FileManagerless {
    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else { throw FlashReloadTests.Failure("mkdir \(path)") }
    }
}

extension FlashReloadTests {
    @Test func aStateStaysUsableAfterARestartRequest() throws {
        let bench = try Bench()
        try bench.write("lfs.img", bytes: try bench.image([("greet", Self.greet)]))
        let L = try bench.state()
        // The restart unwinds through a coroutine and nested pcalls.
        let code = """
            local co = coroutine.wrap(function()
              pcall(function() pcall(node.LFS.reload, '\(bench.path("lfs.img"))') end)
            end)
            pcall(co)
            """
        #expect(try runOrRestart(L, code) == nil)
        #expect(try L.run("return 1 + 1, debug.traceback('x')") == [.integer(2), .string("x\nstack traceback:\n\t(run):1: in main chunk")])
        L.collectGarbage()
    }
}
