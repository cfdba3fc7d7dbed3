import FlashLuaHost
import Glibc
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// NodeMCU's `file` module over a FolderFileSystem: open modes, the object and basic models,
/// the module functions, SPIFFS's name rules, capacity and open-file limit, persistence in the
/// host folder, and handles closed by the collector.
@Suite struct FileModuleTests {
    /// A scratch directory; the device's files go in its "fs" folder (created by make).
    final class Device {
        let directory: String
        var folder: String { directory + "/fs" }

        init() throws {
            var template = Array("/tmp/flashlua-file-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw Failure("mkdtemp") }
            directory = String(cString: made)
        }

        deinit {
            for name in HostPlatform.listDirectory(folder) ?? [] { unlink(folder + "/" + name) }
            rmdir(folder)
            rmdir(directory)
        }

        func fileSystem(capacity: Int = 64 * 1024) throws -> DeviceFileSystem {
            try FolderFileSystem.make(folder: folder, capacity: capacity)
        }

        /// A state with the standard library and `file` on this device's folder.
        func state(capacity: Int = 64 * 1024) throws -> LuaState {
            try state(on: fileSystem(capacity: capacity))
        }

        func state(on fileSystem: DeviceFileSystem) throws -> LuaState {
            var host = HostServices()
            var device = DeviceServices()
            device.fileSystem = fileSystem
            let L = try LuaState(heapLimit: 1 << 22, host: host)
            L.device = device
            try L.openFileLibrary()
            return L
        }

        /// The bytes of a file in the host folder, nil when there is none.
        func hostFile(_ name: String) -> String? {
            guard case .bytes(let b) = HostPlatform.readWholeFile(folder + "/" + name) else { return nil }
            return String(decoding: b, as: UTF8.self)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The message of the error a chunk raises.
    func errorMessage(_ L: LuaState, _ code: String) -> String {
        do {
            try L.run(code, chunkName: "=t")
            return "no error"
        } catch {
            return error.message
        }
    }

    // MARK: Open modes

    @Test func everyModeHasNodeMCUSemantics() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("m.txt", "0123456789")
            -- w: truncates; write only
            local fd = file.open("m.txt", "w")
            fd:write("ab")
            local readW, whyW = fd:read()
            fd:close()
            local afterW = file.getcontents("m.txt")
            -- a: appends, wherever the position is
            fd = file.open("m.txt", "a")
            fd:seek("set", 0)
            fd:write("cd")
            fd:close()
            local afterA = file.getcontents("m.txt")
            -- r+: keeps the contents, writes in place, reads the rest
            fd = file.open("m.txt", "r+")
            fd:write("X")
            local restRPlus = fd:read()
            fd:close()
            local afterRPlus = file.getcontents("m.txt")
            -- w+: truncates, reads back what it wrote
            fd = file.open("m.txt", "w+")
            fd:write("hello")
            fd:seek("set")
            local backWPlus = fd:read()
            fd:close()
            -- a+: reads from anywhere, writes at the end
            fd = file.open("m.txt", "a+")
            local firstAPlus = fd:read(2)
            fd:write("!")
            local positionAPlus = fd:seek()
            fd:seek("set", 1)
            local middleAPlus = fd:read(3)
            fd:close()
            local afterAPlus = file.getcontents("m.txt")
            -- r: read only; the file must exist
            fd = file.open("m.txt", "r")
            local writeR, whyR = fd:write("z")
            fd:close()
            local missing, whyMissing = file.open("none.txt", "r")
            local missingRPlus = file.open("none.txt", "r+")
            local created = file.open("new.txt", "a") ~= nil
            return readW, whyW, afterW, afterA, restRPlus, afterRPlus, backWPlus, firstAPlus, positionAPlus,
                middleAPlus, afterAPlus, writeR, whyR, missing, whyMissing, missingRPlus, created, file.exists("new.txt")
            """)
        #expect(
            results == [
                .nil, .string("file is not open for reading"), .string("ab"), .string("abcd"), .string("bcd"), .string("Xbcd"),
                .string("hello"), .string("he"), .integer(6), .string("ell"), .string("hello!"), .nil,
                .string("file is not open for writing"), .nil, .string("none.txt: no such file"), .nil, .boolean(true), .boolean(true),
            ])
        #expect(device.hostFile("m.txt") == "hello!")
    }

    @Test func defaultModeIsReadAndUnknownModesAreBadArguments() throws {
        let device = try Device()
        let L = try device.state()
        #expect(
            try L.run("file.putcontents('d.txt', 'data'); local fd = file.open('d.txt'); return fd:read(), fd:write('x')") == [
                .string("data"), .nil, .string("file is not open for writing"),
            ])
        #expect(errorMessage(L, "file.open('d.txt', 'wb')") == "t:1: bad argument #2 to 'open' (invalid mode 'wb' (r, w, a, r+, w+ or a+))")
        #expect(errorMessage(L, "file.open('d.txt', 'rw')") == "t:1: bad argument #2 to 'open' (invalid mode 'rw' (r, w, a, r+, w+ or a+))")
        #expect(errorMessage(L, "file.open()") == "t:1: bad argument #1 to 'open' (string expected, got no value)")
    }

    // MARK: Reading, writing, seeking

    @Test func readAndReadlineFollowNodeMCU() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("r.txt", "line 1\\nline 2\\nlast")
            local fd = file.open("r.txt")
            local a = fd:readline()
            local b = fd:read("\\n")
            local c = fd:readline()
            local d = fd:readline()
            fd:seek("set", 0)
            local e = fd:read(4)
            local f = fd:read("2")
            local g = fd:read()
            local h = fd:read()
            fd:close()
            return a, b, c, d, e, f, g, h
            """)
        #expect(
            results == [
                .string("line 1\n"), .string("line 2\n"), .string("last"), .nil, .string("line"), .string(" 1\nline 2"), .string("\nlast"),
                .nil,
            ])
    }

    @Test func readsAreChunkedAt1024Bytes() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("big.txt", string.rep("a", 3000) .. "\\n" .. string.rep("b", 2000))
            local fd = file.open("big.txt")
            local default = #fd:read()
            local zero = #fd:read(0)
            local exact = #fd:read(952)
            local line = fd:readline()
            local long = fd:readline()
            local rest = #fd:read(99999)
            return default, zero, exact, line, #long, long:sub(1, 1), rest, fd:read()
            """)
        // 1024 + 1024 + 952 = 3000 bytes of a's; then the newline alone; readline gives a
        // 2000-byte line 1024 bytes at a time; read(n) reads up to n bytes, past 1024.
        #expect(
            results == [.integer(1024), .integer(1024), .integer(952), .string("\n"), .integer(1024), .string("b"), .integer(976), .nil])
        #expect(
            errorMessage(L, "local fd = file.open('big.txt'); fd:read('ab')")
                == "t:1: bad argument #1 to 'read' (number or single character expected)")
        #expect(
            errorMessage(L, "local fd = file.open('big.txt'); fd:read({})")
                == "t:1: bad argument #1 to 'read' (number or string expected, got table)")
    }

    @Test func seekSetsAndReportsPositions() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("s.txt", "abcdef")
            local fd = file.open("s.txt")
            local p1 = fd:seek()
            local p2 = fd:seek("set", 2)
            local p3 = fd:seek("cur", 1)
            local p4 = fd:seek("end")
            local p5 = fd:seek("end", -2)
            local x = fd:read()
            local p6, why6 = fd:seek("set", 10)
            local p7 = fd:seek()
            local p8 = fd:seek("set", -1)
            local p9 = fd:seek()
            return p1, p2, p3, p4, p5, x, p6, why6, p7, p8, p9
            """)
        // Past the end fails and leaves the position at the end (SPIFFS_lseek); before the start
        // fails and leaves it where it was.
        #expect(
            results == [
                .integer(0), .integer(2), .integer(3), .integer(6), .integer(4), .string("ef"), .nil,
                .string("position outside the file"), .integer(6), .nil, .integer(6),
            ])
        #expect(
            errorMessage(L, "local fd = file.open('s.txt'); fd:seek('middle')")
                == "t:1: bad argument #1 to 'seek' (invalid option 'middle')")
    }

    @Test func writeAndWritelineReturnTrue() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            local fd = file.open("w.txt", "w")
            local a = fd:write("one")
            local b = fd:writeline(" two")
            local c = fd:write(3)
            local d = fd:flush()
            fd:close()
            return a, b, c, d, file.getcontents("w.txt")
            """)
        #expect(results == [.boolean(true), .boolean(true), .boolean(true), .boolean(true), .string("one two\n3")])
        #expect(device.hostFile("w.txt") == "one two\n3")
    }

    // MARK: Basic model, closed handles

    @Test func moduleFunctionsActOnTheCurrentFile() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("c.txt", "one\\ntwo\\n")
            local opened = file.open("c.txt", "a+") ~= nil
            local l1 = file.readline()
            local wrote = file.writeline("three")
            local position = file.seek("set", 0)
            local all = file.read()
            local flushed = file.flush()
            local closed = select("#", file.close())
            local ok1, err1 = pcall(file.read)
            local again = select("#", file.close())
            -- a file object given to a module function
            local fd = file.open("c.txt")
            local viaModule = file.read(fd, 3)
            -- a failed open leaves no current file
            file.open("missing.txt")
            local ok2, err2 = pcall(file.readline)
            -- closing the object that is current closes the basic model's file too
            local fd2 = file.open("c.txt")
            fd2:close()
            local ok3, err3 = pcall(file.read)
            -- opening another file makes it current without closing the previous one
            local first = file.open("c.txt")
            local second = file.open("c.txt")
            first:seek("set", 4)
            local fromFirst = first:read(3)
            local fromCurrent = file.read(3)
            return opened, l1, wrote, position, all, flushed, closed, ok1, err1, again, viaModule, ok2, err2, ok3, err3,
                fromFirst, fromCurrent
            """)
        #expect(
            results == [
                .boolean(true), .string("one\n"), .boolean(true), .integer(0), .string("one\ntwo\nthree\n"), .boolean(true), .integer(0),
                .boolean(false), .string("open a file first"), .integer(0), .string("one"), .boolean(false), .string("open a file first"),
                .boolean(false), .string("open a file first"), .string("two"), .string("one"),
            ])
    }

    @Test func aClosedHandleGivesAClearError() throws {
        let device = try Device()
        let L = try device.state()
        try L.run("file.putcontents('x.txt', 'x'); fd = file.open('x.txt'); fd:close()")
        #expect(errorMessage(L, "fd:read()") == "t:1: attempt to use a closed file")
        #expect(errorMessage(L, "fd:write('y')") == "t:1: attempt to use a closed file")
        #expect(errorMessage(L, "fd:seek()") == "t:1: attempt to use a closed file")
        #expect(errorMessage(L, "file.read(fd)") == "t:1: attempt to use a closed file")
        // Closing again is allowed, as in NodeMCU.
        #expect(try L.run("fd:close(); return true") == [.boolean(true)])
        #expect(errorMessage(L, "file.read(io.stdout)") == "t:1: bad argument #1 to 'read' (file.obj expected, got FILE*)")
        #expect(try L.run("return (tostring(fd):match('^file.obj: '))") == [.string("file.obj: ")])
    }

    // MARK: Module functions

    @Test func listRemoveRenameExists() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("a.lua", "return 1")
            file.putcontents("b.lua", "return 22")
            file.putcontents("c.txt", "")
            local function names(t)
                local list = {}
                for name, size in pairs(t) do list[#list + 1] = name .. "=" .. size end
                table.sort(list)
                return table.concat(list, " ")
            end
            local all = names(file.list())
            local lua = names(file.list("%.lua$"))
            local anchored = names(file.list("^b"))
            local renamed = file.rename("a.lua", "z.lua")
            local taken, whyTaken = file.rename("z.lua", "b.lua")
            local gone, whyGone = file.rename("nothing", "x")
            local removed = select("#", file.remove("b.lua"))
            local removeMissing = select("#", file.remove("b.lua"))
            return all, lua, anchored, renamed, taken, whyTaken, gone, whyGone, removed, removeMissing,
                file.exists("a.lua"), file.exists("z.lua"), file.exists("b.lua"), names(file.list())
            """)
        #expect(
            results == [
                .string("a.lua=8 b.lua=9 c.txt=0"), .string("a.lua=8 b.lua=9"), .string("b.lua=9"), .boolean(true), .boolean(false),
                .string("a file with the new name exists"), .boolean(false), .string("no such file"), .integer(0), .integer(0),
                .boolean(false), .boolean(true), .boolean(false), .string("c.txt=0 z.lua=8"),
            ])
        #expect(device.hostFile("z.lua") == "return 1")
        #expect(device.hostFile("a.lua") == nil)
        #expect(errorMessage(L, "file.list('[')") == "t:1: malformed pattern (missing ']')")
    }

    @Test func openHandlesFollowRenamesAndFailAfterRemoval() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("old.txt", "contents")
            local fd = file.open("old.txt", "r+")
            file.rename("old.txt", "new.txt")
            local afterRename = fd:read(4)
            fd:write("ENTS")
            file.remove("new.txt")
            local read, whyRead = fd:read()
            local wrote, whyWrote = fd:write("x")
            fd:close()
            return afterRename, read, whyRead, wrote, whyWrote, file.exists("new.txt")
            """)
        #expect(results == [.string("cont"), .nil, .string("no such file"), .nil, .string("no such file"), .boolean(false)])
    }

    @Test func getcontentsPutcontentsStat() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            local put = file.putcontents("p.txt", "first")
            local replaced = file.putcontents("p.txt", "2nd")
            local got = file.getcontents("p.txt")
            local missing, why = file.getcontents("nope.txt")
            local s = file.stat("p.txt")
            local t = s.time
            return put, replaced, got, missing, why, s.name, s.size, s.is_dir, s.is_rdonly, s.is_hidden, s.is_sys, s.is_arch,
                t.year, t.mon, t.day, t.hour, t.min, t.sec, file.stat("nope.txt")
            """)
        #expect(
            results == [
                .boolean(true), .boolean(true), .string("2nd"), .nil, .string("nope.txt: no such file"), .string("p.txt"), .integer(3),
                .boolean(false), .boolean(false), .boolean(false), .boolean(false), .boolean(false),
                .integer(1970), .integer(1), .integer(1), .integer(0), .integer(0), .integer(0), .nil, .string("nope.txt: no such file"),
            ])
        // getcontents and putcontents leave the basic model's current file alone.
        #expect(
            try L.run("file.open('p.txt'); file.getcontents('p.txt'); file.putcontents('q.txt', 'q'); return file.read()") == [
                .string("2nd")
            ])
    }

    @Test func fsinfoCountsPagesOf256Bytes() throws {
        let device = try Device()
        let L = try device.state(capacity: 64 * 1024)
        // 64 KB less the 8 KB SPIFFS keeps; an empty file costs its index page, a 300-byte one
        // also two data pages.
        #expect(try L.run("return file.fsinfo()") == [.integer(57344), .integer(0), .integer(57344)])
        #expect(try L.run("file.putcontents('e.txt', ''); return file.fsinfo()") == [.integer(57088), .integer(256), .integer(57344)])
        #expect(
            try L.run("file.putcontents('f.txt', string.rep('x', 300)); return file.fsinfo()") == [
                .integer(56320), .integer(1024), .integer(57344),
            ])
        #expect(
            try L.run("file.remove('f.txt'); file.remove('e.txt'); return file.fsinfo()") == [
                .integer(57344), .integer(0), .integer(57344),
            ])
        #expect(try L.run("return file.fscfg()") == [.integer(0), .integer(65536)])
    }

    // MARK: SPIFFS rules

    @Test func namesAreFlatAndAtMost31Bytes() throws {
        let device = try Device()
        let L = try device.state()
        let name31 = String(repeating: "n", count: 31)
        let results = try L.run(
            """
            local ok31 = file.putcontents(string.rep("n", 31), "x")
            local viaPrefix = file.putcontents("/FLASH/p.txt", "via prefix")
            return ok31, file.exists(string.rep("n", 31)), file.getcontents("p.txt"), file.exists("/FLASH/p.txt"), file.stat("/FLASH/p.txt").name
            """)
        #expect(results == [.boolean(true), .boolean(true), .string("via prefix"), .boolean(true), .string("p.txt")])
        #expect(device.hostFile(name31) == "x")
        #expect(device.hostFile("p.txt") == "via prefix")

        let tooLong = "t:1: bad argument #1 to 'open' (filename too long (32 bytes, at most 31))"
        #expect(errorMessage(L, "file.open(string.rep('n', 32), 'w')") == tooLong)
        #expect(errorMessage(L, "file.open('/FLASH/' .. string.rep('n', 32), 'w')") == tooLong)
        #expect(
            errorMessage(L, "file.putcontents(string.rep('n', 32), 'x')")
                == "t:1: bad argument #1 to 'putcontents' (filename too long (32 bytes, at most 31))")
        let nested = "t:1: bad argument #1 to 'open' (filename has a directory (SPIFFS names are flat))"
        #expect(errorMessage(L, "file.open('lib/x.lua', 'w')") == nested)
        #expect(errorMessage(L, "file.open('/SD0/x.lua', 'w')") == nested)
        #expect(
            errorMessage(L, "file.exists('lib/x.lua')")
                == "t:1: bad argument #1 to 'exists' (filename has a directory (SPIFFS names are flat))")
        #expect(
            errorMessage(L, "file.rename('p.txt', 'lib/p.txt')")
                == "t:1: bad argument #2 to 'rename' (filename has a directory (SPIFFS names are flat))")
        #expect(errorMessage(L, "file.open('', 'w')") == "t:1: bad argument #1 to 'open' (filename is empty)")
        #expect(errorMessage(L, "file.open('a\\0b', 'w')") == "t:1: bad argument #1 to 'open' (filename contains a zero byte)")
        #expect(HostPlatform.listDirectory(device.folder)?.sorted() == [name31, "p.txt"])
    }

    @Test func fillingTheFileSystemFailsCleanly() throws {
        let device = try Device()
        // 16 KB partition: 8 KB usable, 32 pages.
        let L = try device.state(capacity: 16 * 1024)
        let results = try L.run(
            """
            local fd = file.open("big.bin", "w")
            local chunk = string.rep("x", 1000)
            local writes = 0
            while fd:write(chunk) do writes = writes + 1 end
            local failed, why = fd:write(chunk)
            local size = fd:seek("end")
            local remaining, used, total = file.fsinfo()
            -- what is left still fits: 31 data pages hold 7936 bytes (fsinfo counts whole pages,
            -- so it does not count the 168 free bytes of the last page 7000 bytes started)
            local filled = fd:write(string.rep("y", 31 * 256 - size))
            local remaining2, used2 = file.fsinfo()
            local oneMore, whyMore = fd:write("z")
            local line, whyLine = fd:writeline("")
            -- overwriting in place needs no new pages
            fd:seek("set", 0)
            local overwrite = fd:write("OVER")
            fd:close()
            local newFile, whyNew = file.open("new.txt", "w")
            local put, whyPut = file.putcontents("other.txt", "x")
            return writes, failed, why, size, remaining, used, total, filled, remaining2, used2, oneMore, whyMore, line,
                overwrite, newFile, whyNew, put, whyPut, #file.getcontents("big.bin"), file.exists("other.txt")
            """)
        #expect(
            results == [
                .integer(7), .nil, .string("file system is full"), .integer(7000), .integer(768), .integer(7424), .integer(8192),
                .boolean(true), .integer(0), .integer(8192), .nil, .string("file system is full"), .nil, .boolean(true), .nil,
                .string("new.txt: file system is full"), .nil, .string("other.txt: file system is full"), .integer(7936), .boolean(false),
            ])
        // Nothing partial reached the folder.
        let onDisk = device.hostFile("big.bin") ?? ""
        #expect(onDisk.utf8.count == 7936)
        #expect(onDisk.hasPrefix("OVER"))
        #expect(onDisk.hasSuffix("y"))
        // Removing the file gives the space back.
        #expect(
            try L.run("file.remove('big.bin'); return file.putcontents('other.txt', 'x'), file.fsinfo()") == [
                .boolean(true), .integer(7680), .integer(512), .integer(8192),
            ])
    }

    @Test func atMostFourFilesAreOpen() throws {
        let device = try Device()
        let L = try device.state()
        let results = try L.run(
            """
            file.putcontents("a.txt", "a")
            local kept = {}
            for i = 1, 4 do kept[i] = assert(file.open("a.txt")) end
            local fifth, why = file.open("a.txt")
            local got, whyGot = file.getcontents("a.txt")
            kept[1]:close()
            local afterClose = file.open("a.txt") ~= nil
            return fifth, why, got, whyGot, afterClose
            """)
        #expect(results == [.nil, .string("a.txt: too many open files"), .nil, .string("a.txt: too many open files"), .boolean(true)])
    }

    // MARK: Garbage collection, persistence

    @Test func theCollectorClosesAbandonedHandles() throws {
        let device = try Device()
        let fileSystem = try device.fileSystem()
        let L = try device.state(on: fileSystem)
        // Twenty opens with four slots: each open drops the previous handle, and the collection
        // finalizes it.
        #expect(
            try L.run(
                """
                file.putcontents("a.txt", "a")
                for i = 1, 20 do
                    local fd = assert(file.open("a.txt"))
                    collectgarbage()
                end
                return true
                """) == [.boolean(true)])
        #expect(fileSystem.openFileCount == 1)  // the current file is still referenced
        try L.run("file.open('missing.txt')")  // no current file any more
        L.collectGarbage()
        #expect(fileSystem.openFileCount == 0)
        // Closing the state finalizes what is left.
        try L.run("kept = file.open('a.txt')")
        #expect(fileSystem.openFileCount == 1)
        L.close()
        #expect(fileSystem.openFileCount == 0)
    }

    @Test func filesPersistInTheFolder() throws {
        let device = try Device()
        do {
            let L = try device.state()
            try L.run("local fd = file.open('init.lua', 'w'); fd:writeline('print(1)'); fd:close()")
        }
        #expect(device.hostFile("init.lua") == "print(1)\n")
        // A developer's own files in the folder are device files; names SPIFFS cannot have are not.
        #expect(HostPlatform.writeWholeFile(device.folder + "/config.json", Array("{}".utf8)))
        #expect(HostPlatform.writeWholeFile(device.folder + "/" + String(repeating: "l", count: 40), [1]))
        let second = try device.state()
        #expect(
            try second.run("return file.getcontents('init.lua'), file.getcontents('config.json')") == [
                .string("print(1)\n"), .string("{}"),
            ])
        #expect(try second.run("local n = 0; for k in pairs(file.list()) do n = n + 1 end; return n") == [.integer(2)])
    }

    // MARK: The file system from Swift

    @Test func wholeFileHelpersForTheHost() throws {
        let fileSystem = DeviceFileSystem(storage: .inMemory(), partitionSize: 16 * 1024)
        try fileSystem.replaceContents(of: "init.lua", with: Array("print('hi')".utf8))
        #expect(try fileSystem.contents(of: "init.lua") == Array("print('hi')".utf8))
        #expect(try fileSystem.exists("/FLASH/init.lua"))
        #expect(throws: DeviceFileError.notFound) { try fileSystem.contents(of: "init.lc") }
        #expect(throws: DeviceFileError.full) { try fileSystem.replaceContents(of: "big", with: [UInt8](repeating: 0, count: 8000)) }
        #expect(try fileSystem.contents(of: "big") == [])  // "w+" truncated it first, as on the device
        #expect(fileSystem.openFileCount == 0)
        #expect(throws: DeviceFileError.unavailable) { try DeviceFileSystem().contents(of: "init.lua") }
    }
}
