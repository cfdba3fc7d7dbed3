import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// An in-memory file system behind HostFiles (handles 0...2 are the standard streams).
final class MemoryFiles {
    struct OpenFile {
        var name: String
        var position = 0
        var readable: Bool
        var writable: Bool
        var append: Bool
        var errno: Int32 = 0
        var pushedBack: Int32? = nil
    }
    var contents: [String: [UInt8]] = [:]
    var open: [Int: OpenFile] = [:]
    var nextHandle = 3
    var standardInput: [UInt8] = []
    var standardInputPosition = 0

    func services() -> HostFiles {
        var f = HostFiles()
        f.open = { name, mode in
            let m = Array(mode.utf8)
            let plus = m.contains(UInt8(ascii: "+"))
            switch m[0] {
            case UInt8(ascii: "r"):
                if self.contents[name] == nil { return -2 }
            case UInt8(ascii: "w"):
                self.contents[name] = []
            default:
                if self.contents[name] == nil { self.contents[name] = [] }
            }
            let h = self.nextHandle
            self.nextHandle += 1
            self.open[h] = OpenFile(
                name: name, readable: m[0] == UInt8(ascii: "r") || plus, writable: m[0] != UInt8(ascii: "r") || plus,
                append: m[0] == UInt8(ascii: "a"))
            return h
        }
        f.readByte = { h in
            if h == 0 {
                guard self.standardInputPosition < self.standardInput.count else { return -1 }
                self.standardInputPosition += 1
                return Int32(self.standardInput[self.standardInputPosition - 1])
            }
            guard var file = self.open[h] else { return -1 }
            defer { self.open[h] = file }
            if let c = file.pushedBack {
                file.pushedBack = nil
                return c
            }
            guard file.readable else {
                file.errno = 9
                return -1
            }
            let data = self.contents[file.name]!
            guard file.position < data.count else { return -1 }
            file.position += 1
            return Int32(data[file.position - 1])
        }
        f.unreadByte = { h, c in
            if c < 0 { return }
            if h == 0 {
                self.standardInputPosition -= 1
                return
            }
            self.open[h]?.pushedBack = c
        }
        f.read = { h, buffer in
            var n = 0
            while n < buffer.count {
                let c = f.readByte(h)
                if c < 0 { break }
                buffer[n] = UInt8(c)
                n += 1
            }
            return n
        }
        f.write = { h, bytes in
            guard var file = self.open[h] else { return false }
            defer { self.open[h] = file }
            guard file.writable else {
                file.errno = 9
                return false
            }
            var data = self.contents[file.name]!
            if file.append { file.position = data.count }
            for b in bytes {
                if file.position < data.count { data[file.position] = b } else { data.append(b) }
                file.position += 1
            }
            self.contents[file.name] = data
            return true
        }
        f.seek = { h, whence, offset in
            guard var file = self.open[h] else { return -9 }
            let base = whence == 0 ? 0 : (whence == 1 ? file.position - (file.pushedBack == nil ? 0 : 1) : self.contents[file.name]!.count)
            let p = base + Int(offset)
            if p < 0 { return -22 }
            file.position = p
            file.pushedBack = nil
            self.open[h] = file
            return Int64(p)
        }
        f.close = { h in
            self.open[h] = nil
            return 0
        }
        f.clearError = { h in self.open[h]?.errno = 0 }
        f.error = { h in self.open[h]?.errno ?? 0 }
        f.remove = { name in
            if self.contents.removeValue(forKey: name) == nil { return 2 }
            return 0
        }
        f.rename = { from, to in
            guard let data = self.contents.removeValue(forKey: from) else { return 2 }
            self.contents[to] = data
            return 0
        }
        return f
    }
}

/// A state whose print/io.write output and stderr are collected.
final class CapturingState {
    let L: LuaState
    let files = MemoryFiles()

    init(configure: (inout HostServices) -> Void = { _ in }) throws {
        var host = HostServices()
        host.files = files.services()
        host.time = { 1_000_000_000 }
        configure(&host)
        let box = OutputBox()
        host.writeError = { box.errors.append(contentsOf: $0) }
        L = try LuaState(host: host)
        L.writeOutput = { box.output.append(contentsOf: $0) }
        self.box = box
    }

    final class OutputBox {
        var output: [UInt8] = []
        var errors: [UInt8] = []
    }
    private var box: OutputBox

    var printed: String { String(decoding: box.output, as: UTF8.self) }
    var stderr: String { String(decoding: box.errors, as: UTF8.self) }

    /// Runs a chunk and returns its results as text joined by tabs.
    func run(_ source: String) throws -> String {
        let results = try L.run(source, chunkName: "=t")
        return results.map { v -> String in
            switch v {
            case .nil: return "nil"
            case .boolean(let b): return b ? "true" : "false"
            case .integer(let i): return "\(i)"
            case .number(let d): return "\(d)"
            case .string(let s): return s
            default: return "?"
            }
        }.joined(separator: "\t")
    }
}

@Suite struct TableLibraryTests {
    @Test func insertRemoveConcat() throws {
        let s = try CapturingState()
        #expect(try s.run("local t = {1, 2, 3}; table.insert(t, 4); table.insert(t, 1, 0); return table.concat(t, ',')") == "0,1,2,3,4")
        #expect(try s.run("local t = {1, 2, 3}; return table.remove(t), table.remove(t, 1), #t, t[1]") == "3\t1\t1\t2")
        #expect(try s.run("return table.concat({1, 2.5, 'x'}, '-', 2, 3)") == "2.5-x")
        #expect(try s.run("return pcall(table.insert, {}, 5, 1)") == "false\tbad argument #2 to 'table.insert' (position out of bounds)")
        #expect(try s.run("return pcall(table.insert, {}, 1, 2, 3)") == "false\twrong number of arguments to 'insert'")
        #expect(try s.run("return pcall(table.concat, {1, {}})") == "false\tinvalid value (table) at index 2 in table for 'concat'")
    }

    @Test func packUnpackMove() throws {
        let s = try CapturingState()
        #expect(try s.run("local p = table.pack(1, nil, 3); return p.n, p[3]") == "3\t3")
        #expect(try s.run("return table.unpack({1, 2, 3}, 2)") == "2\t3")
        #expect(try s.run("return select('#', table.unpack({}, 1, 3))") == "3")
        #expect(try s.run("return pcall(table.unpack, {}, 1, 1e7)") == "false\ttoo many results to unpack")
        #expect(try s.run("return table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), ',')") == "2,3,4,4,5")
        #expect(try s.run("return table.concat(table.move({1, 2, 3}, 1, 3, 3), ',')") == "1,2,1,2,3")
        #expect(
            try s.run("return pcall(table.move, {}, 1, math.maxinteger, 2)")
                == "false\tbad argument #4 to 'table.move' (destination wrap around)")
    }

    @Test func metamethodsAreHonoured() throws {
        let s = try CapturingState()
        let r = try s.run(
            """
            local log = {}
            local p = setmetatable({}, {
              __index = function(_, k) return k * 10 end,
              __newindex = function(_, k, v) log[#log + 1] = k .. '=' .. tostring(v) end,
              __len = function() return 2 end})
            table.insert(p, 'x')
            return table.concat(log, ' '), table.concat(p, ','), table.unpack(p)
            """)
        #expect(r == "3=x\t10,20\t10\t20")
    }

    @Test func sortUsesComparatorAndLessThan() throws {
        let s = try CapturingState()
        #expect(try s.run("local t = {5, 2, 8, 1, 9, 3}; table.sort(t); return table.concat(t, ' ')") == "1 2 3 5 8 9")
        #expect(
            try s.run("local t = {5, 2, 8, 1}; table.sort(t, function(a, b) return a > b end); return table.concat(t, ' ')") == "8 5 2 1")
        let big = try s.run(
            """
            local t = {}
            for i = 1, 500 do t[i] = (i * 7919) % 503 end
            table.sort(t)
            for i = 2, #t do if t[i - 1] > t[i] then return 'unsorted' end end
            return 'sorted'
            """)
        #expect(big == "sorted")
        let objects = try s.run(
            """
            local mt = {__lt = function(a, b) return a.v < b.v end}
            local t = {}
            for i = 1, 10 do t[i] = setmetatable({v = (i * 3) % 10}, mt) end
            table.sort(t)
            local out = {}
            for i = 1, 10 do out[i] = t[i].v end
            return table.concat(out, '')
            """)
        #expect(objects == "0123456789")
        #expect(
            try s.run("local t = {}; for i = 1, 10 do t[i] = i end; return pcall(table.sort, t, function() return true end)")
                == "false\tinvalid order function for sorting")
        #expect(try s.run("return pcall(table.sort, {3, 1, 'x'})") == "false\tattempt to compare string with number")
    }
}

@Suite struct MathLibraryTests {
    @Test func integerAndFloatResults() throws {
        let s = try CapturingState()
        #expect(
            try s.run("return math.floor(3.7), math.type(math.floor(3.7)), math.ceil(-0.5), math.floor(2^70)")
                == "3\tinteger\t0\t1.1805916207174113e+21")
        #expect(try s.run("return math.abs(math.mininteger) == math.mininteger, math.abs(-2.5)") == "true\t2.5")
        #expect(try s.run("return math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7.5, 2)") == "-1\t1\t-1.5")
        #expect(try s.run("return pcall(math.fmod, 1, 0)") == "false\tbad argument #2 to 'math.fmod' (zero)")
        #expect(try s.run("return math.modf(3.7)") == "3\t0.7000000000000002")
        #expect(try s.run("return math.tointeger(3.0), math.tointeger(3.5), math.tointeger('8')") == "3\tnil\t8")
        #expect(try s.run("return math.type(1), math.type(1.0), math.type('1')") == "integer\tfloat\tnil")
        #expect(try s.run("return math.ult(1, -1), math.max(1, 2.5, -1), math.min(3, 1.0)") == "true\t2.5\t1.0")
        #expect(try s.run("return math.log(8, 2), math.log(100, 10), math.sqrt(16)") == "3.0\t2.0\t4.0")
        #expect(try s.run("return pcall(math.max)") == "false\tbad argument #1 to 'math.max' (value expected)")
    }

    @Test func randomMatchesGlibcSequences() throws {
        let s = try CapturingState()
        // Recorded from lua5.3 on Linux (glibc random()).
        #expect(
            try s.run("math.randomseed(42); local t = {}; for i = 1, 5 do t[i] = math.random(1, 100) end; return table.concat(t, ' ')")
                == "33 70 43 21 26")
        #expect(try s.run("math.randomseed(7); return math.random(1, 1000), math.random(1, 1000), math.random(1, 1000)") == "868\t593\t215")
        let fresh = try CapturingState()
        #expect(try fresh.run("return math.random(1, 1000)") == "841")
        #expect(try s.run("return pcall(math.random, 2, 1)") == "false\tbad argument #1 to 'math.random' (interval is empty)")
        #expect(try s.run("return pcall(math.random, 1, 2, 3)") == "false\twrong number of arguments")
        #expect(try s.run("local x = math.random(); return x >= 0 and x < 1") == "true")
    }
}

@Suite struct OSLibraryTests {
    @Test func datesInUTC() throws {
        let s = try CapturingState()
        #expect(try s.run("return os.date('!%Y-%m-%d %H:%M:%S', 0)") == "1970-01-01 00:00:00")
        #expect(try s.run("return os.date('!%c', 86400 * 100 + 3600 * 15)") == "Sat Apr 11 15:00:00 1970")
        #expect(
            try s.run("return os.date('!%j %U %W %V %G %a %A %b %B %p %I %y %C %e', 1234567890)")
                == "044 06 06 07 2009 Fri Friday Feb February PM 11 09 20 13")
        #expect(
            try s.run("local d = os.date('!*t', 3600); return d.year, d.month, d.day, d.hour, d.yday, d.wday, d.isdst")
                == "1970\t1\t1\t1\t1\t5\tfalse")
        #expect(try s.run("return pcall(os.date, '%Ez')") == "false\tbad argument #1 to 'os.date' (invalid conversion specifier '%Ez')")
        #expect(try s.run("return os.date('%Y')") == "2001")
    }

    @Test func localZoneFromHost() throws {
        let s = try CapturingState { host in
            host.localTimeZone = { _ in LocalTimeZone(utcOffset: 7200, isDaylightSaving: true, name: "EEST") }
        }
        #expect(try s.run("return os.date('%H:%M %Z %z', 0)") == "02:00 EEST +0200")
        #expect(try s.run("return os.time{year = 1970, month = 1, day = 1, hour = 2}") == "0")
        #expect(try s.run("return os.date('*t', 0).isdst") == "true")
    }

    @Test func timeNormalizesFields() throws {
        let s = try CapturingState()
        #expect(
            try s.run(
                "local t = {year = 2000, month = 14, day = -3, hour = 25}; local x = os.time(t); return x, t.year, t.month, t.day, t.hour, t.yday, t.wday"
            ) == "980730000\t2001\t1\t29\t1\t29\t2")
        #expect(try s.run("return pcall(os.time, {year = 2000})") == "false\tfield 'day' missing in date table")
        #expect(try s.run("return pcall(os.time, {year = 2000, month = 'x', day = 1})") == "false\tfield 'month' is not an integer")
        #expect(try s.run("return os.time(), os.difftime(5, 3)") == "1000000000\t2.0")
    }

    @Test func filesThroughHost() throws {
        let s = try CapturingState()
        s.files.contents["a.txt"] = Array("x".utf8)
        #expect(try s.run("return os.rename('a.txt', 'b.txt')") == "true")
        #expect(try s.run("return os.remove('a.txt')") == "nil\ta.txt: No such file or directory\t2")
        #expect(try s.run("return os.remove('b.txt')") == "true")
        #expect(s.files.contents.isEmpty)
    }
}

@Suite struct IOLibraryTests {
    @Test func writeAndReadBack() throws {
        let s = try CapturingState()
        let r = try s.run(
            """
            local f = assert(io.open('data', 'w'))
            assert(f:write('line one\\n', 42, ' ', 1.5, ' ', 2.0, '\\n', 'tail') == f)
            f:close()
            f = io.open('data')
            local a = f:read('l')
            local n1, n2, n3 = f:read('n', 'n', 'n')
            local rest = f:read('L')
            local last = f:read('a')
            local eof = f:read('l')
            f:close()
            return a, n1, n2, n3, rest, last, eof
            """)
        #expect(r == "line one\t42\t1.5\t2\t\n\ttail\tnil")
        #expect(s.files.contents["data"] == Array("line one\n42 1.5 2\ntail".utf8))
    }

    @Test func linesSeekAndCounts() throws {
        let s = try CapturingState()
        s.files.contents["f"] = Array("abc\ndef\n\nghi".utf8)
        #expect(
            try s.run("local t = {}; for l in io.lines('f') do t[#t + 1] = '[' .. l .. ']' end; return table.concat(t)")
                == "[abc][def][][ghi]")
        #expect(
            try s.run(
                "local f = io.open('f'); local a = f:read(2); local p = f:seek('cur'); local e = f:seek('end'); f:seek('set', 4); return a, p, e, f:read(3), f:read(0)"
            ) == "ab\t2\t12\tdef\t")
        #expect(
            try s.run("local t = {}; for a, b in io.open('f'):lines(1, 'l') do t[#t + 1] = a .. '|' .. b end; return table.concat(t, ';')")
                == "a|bc;d|ef;\n|ghi")
        #expect(try s.run("return pcall(io.lines, 'missing')") == "false\tcannot open file 'missing' (No such file or directory)")
    }

    @Test func errorsAndClosedFiles() throws {
        let s = try CapturingState()
        #expect(try s.run("return io.open('nope')") == "nil\tnope: No such file or directory\t2")
        #expect(try s.run("return pcall(io.open, 'x', 'rw')") == "false\tbad argument #2 to 'io.open' (invalid mode)")
        #expect(
            try s.run("local f = io.open('x', 'w'); f:close(); return io.type(f), tostring(f), pcall(f.read, f)")
                == "closed file\tfile (closed)\tfalse\tattempt to use a closed file")
        #expect(try s.run("return io.type(io.stdout), io.type(42), io.stdout:close()") == "file\tnil\tnil\tcannot close standard file")
        #expect(try s.run("local f = io.open('x', 'w'); return f:read('l')") == "nil\tBad file descriptor\t9")
        #expect(try s.run("local f = io.open('x'); return pcall(f.read, f, 'z')") == "false\tbad argument #2 to '?' (invalid format)")
        let name = try s.run("return tostring(io.stdout)")
        #expect(name.hasPrefix("file (0x") && name.hasSuffix(")"))
    }

    @Test func standardOutputSharesPrintsPath() throws {
        let s = try CapturingState()
        _ = try s.run("io.write('a', 1, ' ', 2.5); print('|'); io.stdout:write('b'); io.write(1e100, '\\n'); io.stderr:write('err')")
        #expect(s.printed == "a1 2.5|\nb1e+100\n")
        #expect(s.stderr == "err")
        #expect(try s.run("return io.write() == io.stdout") == "true")
    }

    @Test func defaultInputAndOutput() throws {
        let s = try CapturingState()
        s.files.standardInput = Array("12 34\nnext line\n".utf8)
        #expect(try s.run("return io.read('n', 'n', 'l', 'l', 'l')") == "12\t34\t\tnext line\tnil")
        _ = try s.run("io.output('out'); io.write('to file'); io.close(); io.output(io.stdout)")
        #expect(s.files.contents["out"] == Array("to file".utf8))
        #expect(
            try s.run("io.output('o2'); io.output():close(); local ok, e = pcall(io.write, 'x'); io.output(io.stdout); return ok, e")
                == "false\tstandard output file is closed")
    }
}
