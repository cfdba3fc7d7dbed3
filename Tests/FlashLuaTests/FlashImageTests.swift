import FlashLuaBytecode
import FlashLuaCompiler
import FlashLuaHost
import Glibc
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// Building, verifying and mounting LFS images, shared by these tests and the image fuzzer.
enum LFSImages {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func compileModule(_ name: String, _ source: String) throws -> FunctionDescription {
        try compile(Array(source.utf8), chunkName: Array("@\(name).lua".utf8))
    }

    static func build(
        _ modules: [(String, String)], resources: [(String, [UInt8])] = [], strip: Bool = false, buildTime: Int64 = 0
    ) throws -> [UInt8] {
        var builder = ImageBuilder()
        builder.strip = strip
        builder.buildTime = buildTime
        for (name, source) in modules { try builder.addModule(name: Array(name.utf8), try compileModule(name, source)) }
        for (name, bytes) in resources { try builder.addResource(name: Array(name.utf8), bytes: bytes) }
        return try builder.build()
    }

    static func load32(_ b: [UInt8], _ at: Int) -> Int {
        Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24
    }

    static func store32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        for i in 0..<4 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    static func load64(_ b: [UInt8], _ at: Int) -> Int64 {
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(b[at + i]) << (8 * UInt64(i)) }
        return Int64(bitPattern: v)
    }

    static func store64(_ b: inout [UInt8], _ at: Int, _ v: Int64) {
        let u = UInt64(bitPattern: v)
        for i in 0..<8 { b[at + i] = UInt8(truncatingIfNeeded: u >> (8 * UInt64(i))) }
    }

    /// Rewrites the header's checksum so that only the structural checks can reject the image.
    static func rechecksum(_ b: inout [UInt8]) {
        guard b.count >= ImageHeader.size else { return }
        let crc = b.withUnsafeBytes { imageChecksum($0) }
        store32(&b, ImageHeader.checksum, crc)
    }

    /// FlashImage.verify on a 16-byte aligned copy: nil when the image is accepted.
    static func verificationError(_ bytes: [UInt8]) -> ImageError? {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        do {
            _ = try FlashImage.verify(UnsafeRawBufferPointer(rebasing: buffer[0..<bytes.count]))
            return nil
        } catch {
            return error
        }
    }

    /// Offsets of every prototype object, in layout order (children before their parents).
    static func protoOffsets(_ b: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var at = load32(b, ImageHeader.protosOffset)
        let end = at + load32(b, ImageHeader.protosSize)
        while at < end {
            offsets.append(at)
            at += ImageFormat.align(load32(b, at + ObjectHeaderLayout.byteCount))
        }
        return offsets
    }

    /// Offsets of every string object, in layout order.
    static func stringOffsets(_ b: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var at = load32(b, ImageHeader.stringsOffset)
        let end = at + load32(b, ImageHeader.stringsSize)
        while at < end {
            offsets.append(at)
            at += ImageFormat.align(load32(b, at + ObjectHeaderLayout.byteCount))
        }
        return offsets
    }

    /// A state with the image mounted and node.LFS opened.
    static func state(
        _ image: ReadOnlyImageTests.Image, heapLimit: Int = Int.max, host: HostServices = HostServices(), lfsFirst: Bool = false
    ) throws -> LuaState {
        let L = try LuaState(heapLimit: heapLimit, host: host, flashImage: image.image)
        try L.openFlashStoreLibrary(lfsFirst: lfsFirst)
        L.writeOutput = { _ in }
        return L
    }

    /// Number of objects the collector sweeps: the object list and the RAM string table.
    static func collectableObjects(_ L: LuaState) -> Int {
        var n = 0
        var p = L.allObjects
        while let o = p {
            n += 1
            p = o.header.pointee.next
        }
        L.strings.forEach { _ in n += 1 }
        return n
    }
}

/// A small application's modules, used by several tests.
enum SampleModules {
    static let greet = """
        local M = {}
        local greeting = "greeting"
        function M.hello(name) return greeting .. ", " .. (name or "world") end
        function M.twice(x) return x * 2 end
        return M
        """
    static let counter = """
        local n = 0
        return function(step) n = n + (step or 1); return n end
        """
    static let shapes = """
        local Shape = {}
        Shape.__index = Shape
        Shape.__tostring = function(s) return "shape(" .. s.w .. "x" .. s.h .. ")" end
        function Shape.new(w, h) return setmetatable({ w = w, h = h }, Shape) end
        function Shape:area() return self.w * self.h end
        return Shape
        """
    static let fails = """
        local M = {}
        function M.fail() local cfg; return cfg.port end
        function M.raise() error("raised") end
        return M
        """
    static let dummyStrings = """
        local preload = "alpha_token", "beta_token", "gamma_token", "delta_token", "epsilon_token"
        """
    static let all: [(String, String)] = [
        ("greet", greet), ("counter", counter), ("shapes", shapes), ("fails", fails), ("dummy_strings", dummyStrings),
    ]
}

@Suite struct FlashImageBehaviourTests {
    static let buildTime: Int64 = 1_700_000_123
    static let readme: [UInt8] = Array("FlashLua resource: read from ROM\n".utf8)

    static func sampleImage() throws -> ReadOnlyImageTests.Image {
        try ReadOnlyImageTests.Image(
            LFSImages.build(SampleModules.all, resources: [("readme", readme)], buildTime: buildTime))
    }

    @Test func modulesRunThroughEveryEntryPoint() throws {
        let image = try Self.sampleImage()
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local viaIndex = node.LFS.greet()
            local viaGet = node.LFS.get("greet")()
            local viaRequire = require "greet"
            local viaFlashindex = node.flashindex("greet")()
            local count = require("counter")
            count(); count(5)
            local Shape = require "shapes"
            local s = Shape.new(3, 4)
            return viaIndex.hello("lfs"), viaGet.twice(21), viaRequire.hello(), viaFlashindex.twice(4),
                package.loaded.greet == viaRequire, count(), s:area(), tostring(s),
                node.LFS.get("nosuch"), node.LFS.nosuch, node.flashindex("nosuch") ~= nil,
                type(node.LFS.get("counter")), node.LFS.get("counter") ~= node.LFS.get("counter")
            """)
        #expect(
            results == [
                .string("greeting, lfs"), .integer(42), .string("greeting, world"), .integer(8), .boolean(true), .integer(7),
                .integer(12), .string("shape(3x4)"), .nil, .nil, .boolean(true), .string("function"), .boolean(true),
            ])
    }

    @Test func moduleErrorsNameTheModuleFile() throws {
        let image = try Self.sampleImage()
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local M = require "fails"
            return select(2, pcall(M.fail)), select(2, pcall(M.raise))
            """)
        #expect(
            results == [.string("fails.lua:2: attempt to index a nil value (local 'cfg')"), .string("fails.lua:3: raised")])
    }

    @Test func theSearcherComesAfterTheFileSearcherUnlessAskedFirst() throws {
        let image = try Self.sampleImage()
        var template = Array("/tmp/flashlua-lfs-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw LFSImages.Failure("mkdtemp") }
        let directory = String(cString: dir)
        let file = directory + "/greet.lua"
        defer {
            unlink(file)
            rmdir(directory)
        }
        #expect(HostPlatform.writeWholeFile(file, Array("return { hello = function() return 'from file' end }".utf8)))

        let script = """
            package.path = "\(directory)/?.lua"
            local n = #package.searchers
            local lfsSlot
            for i = 1, n do
              local f, extra = package.searchers[i]("counter")
              if extra == ":lfs:" then lfsSlot = i end
            end
            local _, lfsExtra = package.searchers[lfsSlot]("greet")
            local missing = select(2, pcall(require, "nosuch"))
            return lfsSlot, n, require("greet").hello(), lfsExtra, missing:find("no module 'nosuch' in LFS", 1, true) ~= nil
            """
        let byDefault = try LFSImages.state(image, host: HostPlatform.services()).run(script)
        // lua5.3 has 4 searchers; the LFS one is inserted third, after preload and the file searcher.
        #expect(byDefault == [.integer(3), .integer(5), .string("from file"), .string(":lfs:"), .boolean(true)])
        let first = try LFSImages.state(image, host: HostPlatform.services(), lfsFirst: true).run(script)
        #expect(first == [.integer(1), .integer(5), .string("greeting, world"), .string(":lfs:"), .boolean(true)])
    }

    @Test func flashindexWithoutANameGivesTheInfoList() throws {
        let image = try Self.sampleImage()
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local t, base, mapped, size, list = node.flashindex()
            local t2 = node.flashindex("nosuch")
            return t, base, mapped, size, table.concat(list, ","), t2
            """)
        let names = "greet,counter,shapes,fails,dummy_strings"
        #expect(
            results == [
                .integer(Self.buildTime), .integer(0), .integer(Int64(Int(bitPattern: image.image.base))),
                .integer(Int64(image.image.size)), .string(names), .integer(Self.buildTime),
            ])
    }

    @Test func listConfigTimeAndResource() throws {
        let image = try Self.sampleImage()
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local list = node.LFS.list()
            local c = node.LFS.config
            local r = node.LFS.resource("readme")
            return #list, table.concat(list, " "), c.mapped, c.base, c.used, node.LFS.time, r, #r,
                node.LFS.resource("greet"), node.LFS.resource("nosuch"), node.LFS.readme
            """)
        #expect(
            results == [
                .integer(5), .string("greet counter shapes fails dummy_strings"), .integer(Int64(Int(bitPattern: image.image.base))),
                .integer(0), .integer(Int64(image.image.size)), .integer(Self.buildTime),
                .string(String(decoding: Self.readme, as: UTF8.self)), .integer(Int64(Self.readme.count)), .nil, .nil, .nil,
            ])
        #expect(image.image.buildTime == Self.buildTime)

        // The resource is the image's string object itself: no heap copy.
        try L.run("resource = node.LFS.resource('readme')")
        let value = L.rawGet(L.globals, Value(try L.newString("resource")))
        #expect(value.isString && value.string.isReadOnly)
        #expect(UnsafeRawPointer(value.string.raw) == image.string(String(decoding: Self.readme, as: UTF8.self)))
    }

    @Test func nodeLFSIsReadOnly() throws {
        let image = try Self.sampleImage()
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local ok1, e1 = pcall(function() node.LFS.greet = 1 end)
            local ok2, e2 = pcall(function() node.LFS.newname = {} end)
            local ok3, e3 = pcall(setmetatable, node.LFS, nil)
            return ok1, e1, ok2, e2, getmetatable(node.LFS), type(node.LFS.greet), ok3, e3
            """)
        #expect(
            results == [
                .boolean(false), .string("(run):1: node.LFS is read-only"), .boolean(false), .string("(run):2: node.LFS is read-only"),
                .boolean(false), .string("function"), .boolean(false), .string("cannot change a protected metatable"),
            ])
    }

    @Test func getstringsListsBothTablesSorted() throws {
        let image = try Self.sampleImage()
        var romShort: [String] = []
        image.image.forEachString { bytes, isShort in if isShort { romShort.append(String(decoding: bytes, as: UTF8.self)) } }
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local function sorted(t)
              for i = 2, #t do if not (t[i - 1] < t[i]) then return false end end
              return true
            end
            local function has(t, s) for _, v in ipairs(t) do if v == s then return true end end return false end
            made_at_run_time = "not" .. "_in_rom"
            local rom, ram = debug.getstrings('ROM'), debug.getstrings('RAM')
            local default = debug.getstrings()
            return #rom, sorted(rom), sorted(ram), has(rom, "alpha_token"), has(rom, "greeting"), has(ram, "greeting"),
                has(ram, "not_in_rom"), has(rom, "not_in_rom"), #default == #debug.getstrings('RAM'),
                select(2, pcall(debug.getstrings, 'FLASH'))
            """)
        #expect(
            results == [
                .integer(Int64(romShort.count)), .boolean(true), .boolean(true), .boolean(true), .boolean(true), .boolean(false),
                .boolean(true), .boolean(false), .boolean(true), .string("bad argument #1 to 'debug.getstrings' ('RAM' or 'ROM' expected)"),
            ])
        // Every short string of the image is in the ROM list.
        let rom = try L.run("return table.concat(debug.getstrings('ROM'), '\\0')")
        #expect(rom == [.string(romShort.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.joined(separator: "\0"))])

        // Without an image, there is no ROM table.
        let plain = try LuaState(heapLimit: Int.max)
        try plain.openFlashStoreLibrary()
        #expect(
            try plain.run("return debug.getstrings('ROM'), node.LFS.get('greet'), #node.LFS.list(), node.LFS.time") == [
                .nil, .nil, .integer(0), .integer(0),
            ])
    }
}

@Suite struct FlashImageHeapTests {
    /// A realistic module: many functions, many string constants.
    static let bigModule: String = {
        var s = "local M = {}\nlocal names = { "
        for i in 1...60 { s += "\"field_name_\(i)\", " }
        s += "}\n"
        for i in 1...40 {
            s += "function M.f\(i)(x, y)\n  local t = { kind = \"kind_\(i)\", value = x }\n"
            s += "  if y then t.label = names[\(i)] .. \"_label_\(i)\" end\n  return t, x * \(i) + \(i)\nend\n"
        }
        s += "return M\n"
        return s
    }()

    static func image() throws -> ReadOnlyImageTests.Image {
        try ReadOnlyImageTests.Image(LFSImages.build([("big", bigModule), ("greet", SampleModules.greet)]))
    }

    @Test func aModuleFromLFSCostsOnlyItsClosure() throws {
        let image = try Self.image()
        let L = try LFSImages.state(image)
        L[global: "source"] = .string(Self.bigModule)
        // Heap bytes measured inside Lua (collectgarbage("count") allocates nothing).
        let results = try L.run(
            """
            package.preload.big_source = function(...) return load(source, "=big")(...) end
            held = false
            collectgarbage(); collectgarbage("stop")
            local function cost(f)
              local before = collectgarbage("count")
              f()
              return math.tointeger((collectgarbage("count") - before) * 1024)
            end
            local loaded = load(source, "=big")
            loaded()
            return cost(function() held = node.LFS.get("big") end),
                cost(function() held = load(source, "=big") end),
                cost(function() held = require("big") end),
                cost(function() held = require("big_source") end),
                cost(function() held = node.LFS.get("big")() end),
                cost(function() held = loaded() end)
            """)
        guard results.count == 6, case .integer(let closure) = results[0], case .integer(let fromSource) = results[1],
            case .integer(let requiredLFS) = results[2], case .integer(let requiredSource) = results[3],
            case .integer(let runLFS) = results[4], case .integer(let runHeap) = results[5]
        else { throw LFSImages.Failure("unexpected \(results)") }
        // A Lua closure with one upvalue (_ENV): the closure object and the upvalue object, nothing else.
        #expect(closure == Int64(LuaClosure.size(upvalues: 1) + MemoryLayout<UpvalueBody>.stride))
        #expect(closure * 50 < fromSource, "LFS \(closure) bytes vs source \(fromSource) bytes")
        // Requiring runs the module body (its tables and 40 closures), but creates no prototype or constant.
        #expect(requiredLFS * 3 < requiredSource, "require from LFS \(requiredLFS) bytes vs source \(requiredSource) bytes")
        // Running the module from LFS costs exactly what running it again from a heap prototype costs, plus the closure.
        #expect(runLFS == closure + runHeap, "run from LFS \(runLFS) bytes, from the heap \(runHeap) bytes, closure \(closure)")
    }

    @Test func aRunTimeStringEqualToAROMStringIsTheROMObject() throws {
        let image = try Self.image()
        let L = try LFSImages.state(image)
        let costs = try L.run(
            """
            local a, b, c = "gre", "eting", "eeting"
            result, other = false, false
            collectgarbage(); collectgarbage("stop")
            local before = collectgarbage("count")
            result = a .. b
            local romCost = (collectgarbage("count") - before) * 1024
            before = collectgarbage("count")
            other = a .. c
            local ramCost = (collectgarbage("count") - before) * 1024
            return romCost, ramCost > 0
            """)
        #expect(costs == [.number(0), .boolean(true)])

        let result = L.rawGet(L.globals, Value(try L.newString("result")))
        #expect(result.isString && result.string.isReadOnly)
        #expect(UnsafeRawPointer(result.string.raw) == image.string("greeting"))
        let other = L.rawGet(L.globals, Value(try L.newString("other")))
        #expect(other.isString && !other.string.isReadOnly)
        // From Swift too.
        let made = try L.newString(Array("field_name_17".utf8))
        #expect(made.isReadOnly && UnsafeRawPointer(made.raw) == image.string("field_name_17"))
    }

    @Test func collectionsNeverTouchTheImage() throws {
        let bytes = try LFSImages.build([("big", Self.bigModule)] + SampleModules.all)
        let image = try ReadOnlyImageTests.Image(bytes)
        let L = try LFSImages.state(image)
        try L.run(
            """
            keep = {}
            for _, name in ipairs(node.LFS.list()) do keep[name] = require(name) end
            for i = 1, 40 do keep[i] = { keep.big["f" .. i](i, true) } end
            local s = keep.shapes.new(2, 5)
            keep.text = tostring(s) .. keep.greet.hello()
            collectgarbage(); collectgarbage()
            keep = nil
            collectgarbage(); collectgarbage()
            """)
        // The image is mprotect'ed (a write would have crashed); its bytes are as built and every
        // object still carries only the readOnly mark.
        #expect(Array(UnsafeRawBufferPointer(start: image.base, count: bytes.count)) == bytes)
        for offset in LFSImages.stringOffsets(bytes) + LFSImages.protoOffsets(bytes) {
            #expect(image.base.load(fromByteOffset: offset + ObjectHeaderLayout.marks, as: UInt8.self) == ObjectMarks.readOnly)
        }
    }

    /// `count` similar modules: collection work must not depend on how many the image holds.
    static func manyModules(_ count: Int) -> [(String, String)] {
        (1...count).map { i in
            ("m\(i)", "local M = { id = \(i) }\nfunction M.get(x) return M.id + (x or 0) end\nreturn M\n")
        }
    }

    static func collectorWork(modules: Int) throws -> (objects: Int, bytes: Int) {
        let image = try ReadOnlyImageTests.Image(LFSImages.build(manyModules(modules)))
        let L = try LFSImages.state(image)
        try L.run(
            """
            keep = {}
            for i = 1, 10 do keep[i] = require("m" .. i) end
            collectgarbage(); collectgarbage()
            """)
        L.collectGarbage()
        return (LFSImages.collectableObjects(L), L.totalBytes)
    }

    @Test func collectionCostDoesNotDependOnModuleCount() throws {
        let small = try Self.collectorWork(modules: 10)
        let large = try Self.collectorWork(modules: 1000)
        #expect(small.objects == large.objects, "objects: 10 modules \(small.objects), 1000 modules \(large.objects)")
        #expect(small.bytes == large.bytes, "heap bytes: 10 modules \(small.bytes), 1000 modules \(large.bytes)")
    }
}

@Suite struct FlashImagePropertyTests {
    /// Found while writing these tests: the runtime marks the metamethod names and "not enough
    /// memory" as fixed when a state starts; when the image holds one of them (any module with a
    /// metatable does), that wrote into the read-only image and the process died with SIGSEGV.
    @Test func runtimeNamesHeldByTheImageAreNeverWritten() throws {
        var names = ["not enough memory", "__metatable", "__pairs", "__name", "__tostring"]
        for tm in TagMethod.allCases { names.append(tm.name.text) }
        let module = "return { " + names.map { "\"\($0)\"" }.joined(separator: ", ") + " }"
        let bytes = try LFSImages.build([("names", module), ("shapes", SampleModules.shapes)])
        let image = try ReadOnlyImageTests.Image(bytes)
        let L = try LFSImages.state(image, heapLimit: 200_000)
        let results = try L.run(
            """
            local Shape = require "shapes"
            local s = Shape.new(2, 3)
            local t = setmetatable({}, { __index = function(_, k) return k end, __name = "Named" })
            local ok, err = pcall(string.rep, "x", 1 << 20)
            collectgarbage()
            return tostring(s), s:area(), t.key, #require("names"), err
            """)
        #expect(
            results == [.string("shape(2x3)"), .integer(6), .string("key"), .integer(Int64(names.count)), .string("not enough memory")])
        for name in names {
            let s = try L.newString(Array(name.utf8))
            #expect(s.isReadOnly, "\(name) is the image's string")
            #expect(s.raw.header.pointee.marks == ObjectMarks.readOnly)
        }
        #expect(Array(UnsafeRawBufferPointer(start: image.base, count: bytes.count)) == bytes)
    }

    @Test func imagesAreReproducible() throws {
        let a = try LFSImages.build(SampleModules.all, resources: [("r", [1, 2, 3])], buildTime: 1000)
        let b = try LFSImages.build(SampleModules.all, resources: [("r", [1, 2, 3])], buildTime: 1000)
        #expect(a == b)
        let c = try LFSImages.build(SampleModules.all, resources: [("r", [1, 2, 3])], buildTime: 2000)
        #expect(a.count == c.count)
        let differing = Set(a.indices.filter { a[$0] != c[$0] })
        #expect(!differing.isEmpty)
        #expect(
            differing.isSubset(
                of: Set(ImageHeader.checksum..<ImageHeader.checksum + 4).union(ImageHeader.buildTime..<ImageHeader.buildTime + 8)))
        #expect(LFSImages.load64(c, ImageHeader.buildTime) == 2000)
        #expect(LFSImages.verificationError(c) == nil)
    }

    @Test func duplicateNamesAreRefused() throws {
        var builder = ImageBuilder()
        try builder.addModule(name: Array("same".utf8), try LFSImages.compileModule("same", "return 1"))
        #expect(throws: ImageError("duplicate module name 'same'")) {
            try builder.addModule(name: Array("same".utf8), try LFSImages.compileModule("same", "return 2"))
        }
        try builder.addResource(name: Array("res".utf8), bytes: [1])
        #expect(throws: ImageError("duplicate resource name 'res'")) { try builder.addResource(name: Array("res".utf8), bytes: [2]) }
        #expect(builder.moduleNames == [Array("same".utf8)])
    }

    @Test func strippingDropsDebugInformation() throws {
        let full = try LFSImages.build(SampleModules.all)
        let stripped = try LFSImages.build(SampleModules.all, strip: true)
        #expect(stripped.count < full.count)
        for (bytes, isStripped) in [(full, false), (stripped, true)] {
            let image = try ReadOnlyImageTests.Image(bytes)
            #expect(image.image.isStripped == isStripped)
            let L = try LFSImages.state(image)
            let results = try L.run(
                """
                local M = require "fails"
                local Shape = require "shapes"
                return select(2, pcall(M.fail)), select(2, pcall(M.raise)), Shape.new(2, 3):area(),
                    debug.getinfo(M.fail, "S").source, debug.getinfo(M.fail, "l").currentline
                """)
            if isStripped {
                // As lua5.3 reports errors in chunks compiled with luac -s.
                #expect(
                    results == [.string("?:-1: attempt to index a nil value"), .string("raised"), .integer(6), .string("=?"), .integer(-1)])
            } else {
                #expect(
                    results == [
                        .string("fails.lua:2: attempt to index a nil value (local 'cfg')"), .string("fails.lua:3: raised"), .integer(6),
                        .string("@fails.lua"), .integer(-1),
                    ])
            }
        }
    }

    @Test func aStringsOnlyModuleMovesItsStringsToROM() throws {
        let image = try ReadOnlyImageTests.Image(LFSImages.build(SampleModules.all))
        let L = try LFSImages.state(image)
        try L.run(
            """
            local parts = { "alpha", "beta", "gamma", "delta", "epsilon" }
            made = {}
            for i, p in ipairs(parts) do made[i] = p .. "_token" end
            """)
        for (i, word) in ["alpha", "beta", "gamma", "delta", "epsilon"].enumerated() {
            let made = try L.run("return made[\(i + 1)]")
            #expect(made == [.string("\(word)_token")])
            let value = L.rawGet(L.rawGet(L.globals, Value(try L.newString("made"))).table, Value(Int64(i + 1)))
            #expect(value.string.isReadOnly)
            #expect(UnsafeRawPointer(value.string.raw) == image.string("\(word)_token"))
        }
        // The module itself runs (and returns nothing).
        #expect(try L.run("return select('#', require('dummy_strings')), require('dummy_strings')") == [.integer(1), .boolean(true)])
    }

    @Test func threeHundredTwentyModulesAreAllFound() throws {
        let modules = (1...320).map { i in ("mod\(i)", "return { index = \(i), name = ... }") }
        let image = try ReadOnlyImageTests.Image(LFSImages.build(modules))
        #expect(image.image.moduleCount == 320)
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local list = node.LFS.list()
            local bad = 0
            for i = 1, 320 do
              local name = "mod" .. i
              if list[i] ~= name then bad = bad + 1 end
              if node.LFS.get(name)().index ~= i then bad = bad + 1 end
              local m = require(name)
              if m.index ~= i or m.name ~= name then bad = bad + 1 end
            end
            return #list, bad, node.LFS.get("mod321"), node.LFS.mod300().index
            """)
        #expect(results == [.integer(320), .integer(0), .nil, .integer(300)])
    }

    @Test func imagesOver256KBWork() throws {
        var modules: [(String, String)] = []
        for m in 1...12 {
            var s = "local M = {}\n"
            for f in 1...60 {
                s += "function M.f\(f)(x) local t = { \"m\(m)_f\(f)_a\", \"m\(m)_f\(f)_b\", x } return #t[1] + x * \(f) end\n"
            }
            s += "return M\n"
            modules.append(("large\(m)", s))
        }
        let image = try ReadOnlyImageTests.Image(LFSImages.build(modules))
        #expect(image.image.size > 256 * 1024)
        let L = try LFSImages.state(image)
        let results = try L.run(
            """
            local sum = 0
            for m = 1, 12 do
              local M = require("large" .. m)
              for f = 1, 60 do sum = sum + M["f" .. f](1) end
            end
            return sum, require("large12").f60(2)
            """)
        // #"mM_fF_a" is 7 + digits of m + digits of f.
        var expected: Int64 = 0
        for m in 1...12 { for f in 1...60 { expected += Int64("m\(m)_f\(f)_a".count + f) } }
        #expect(results == [.integer(expected), .integer(Int64("m12_f60_a".count + 120))])
    }

    @Test func stringsLongerThan64KBSurvive() throws {
        let letters: [UInt8] = (0..<70_000).map { (i: Int) -> UInt8 in UInt8(97 + (i * 7 + i / 26) % 26) }
        let long = String(decoding: letters, as: UTF8.self)
        var binary = [UInt8](repeating: 0, count: 70_000)
        for i in binary.indices { binary[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 8) }
        let image = try ReadOnlyImageTests.Image(
            LFSImages.build([("long", "return [[\(long)]]")], resources: [("blob", binary)]))
        let L = try LFSImages.state(image)
        #expect(try L.run("return require('long')") == [.string(long)])
        let results = try L.run(
            """
            local s = require('long')
            local b = node.LFS.resource("blob")
            local sum = 0
            for i = 1, #b, 97 do sum = sum + b:byte(i) end
            return #s, s:sub(65530, 65545), #b, sum, b:byte(65537), b:byte(70000)
            """)
        var sum: Int64 = 0
        for i in stride(from: 0, to: binary.count, by: 97) { sum += Int64(binary[i]) }
        let slice: LuaValue = .string(String(decoding: letters[65529..<65545], as: UTF8.self))
        let expected: [LuaValue] = [
            .integer(70_000), slice, .integer(70_000), .integer(sum), .integer(Int64(binary[65536])), .integer(Int64(binary[69999])),
        ]
        #expect(results == expected)
    }

    @Test func manyConstantsAndNestedFunctions() throws {
        var s = "local M = {}\nlocal k = {"
        for i in 1...400 { s += " \"constant_\(i)\", \(i).5," }
        s += " }\n"
        // 30 levels of nested functions, each closing over the previous level's local.
        var nested = "local function level0(x) return x end\n"
        for d in 1...30 { nested += "local function level\(d)(x) return level\(d - 1)(x) + \(d) end\n" }
        s += nested
        s += "function M.deep(x) return level30(x) end\n"
        s += "function M.count() return #k end\n"
        s += "function M.last() return k[#k - 1], k[#k] end\n"
        s +=
            "function M.wrap(n) local f = function() return n end for i = 1, 40 do local g = f f = function() return g() + 1 end end return f() end\n"
        s += "return M\n"
        let f = try LFSImages.compileModule("many", s)
        #expect(f.constants.count > 255)
        let image = try ReadOnlyImageTests.Image(LFSImages.build([("many", s)]))
        let L = try LFSImages.state(image)
        let results = try L.run("local M = require 'many'; return M.count(), M.deep(0), M.wrap(2), M.last()")
        #expect(results == [.integer(800), .integer(465), .integer(42), .string("constant_400"), .number(400.5)])
    }
}

@Suite struct FlashImageVerificationTests {
    static func image() throws -> [UInt8] { try LFSImages.build(SampleModules.all, resources: [("r", Array("resource".utf8))]) }

    func expectError(_ bytes: [UInt8], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(LFSImages.verificationError(bytes)?.message == message, sourceLocation: sourceLocation)
    }

    @Test func theGoodImageVerifies() throws {
        #expect(LFSImages.verificationError(try Self.image()) == nil)
    }

    @Test func headerErrors() throws {
        let good = try Self.image()
        expectError([], "not an LFS image (0 bytes, too short for a header)")
        expectError(Array(good.prefix(50)), "not an LFS image (50 bytes, too short for a header)")
        expectError(
            Array("-- a Lua source file, not an image at all; long enough for a header ....... ......".utf8)
                + [UInt8](repeating: 32, count: 40), "not an LFS image (bad signature)")
        var bytes = good
        bytes[3] ^= 0x20
        expectError(bytes, "not an LFS image (bad signature)")
        bytes = good
        LFSImages.store32(&bytes, ImageHeader.version, 2)
        expectError(bytes, "unsupported LFS image format version 2 (this runtime reads version 1)")
        expectError(Array(good.dropLast(16)), "image is \(good.count - 16) bytes but its header says \(good.count) (truncated or padded)")
        expectError(
            good + [UInt8](repeating: 0, count: 16),
            "image is \(good.count + 16) bytes but its header says \(good.count) (truncated or padded)")
        bytes = good
        bytes[good.count / 2] ^= 1
        expectError(bytes, "checksum mismatch (corrupt image)")
        bytes = good
        LFSImages.store32(&bytes, ImageHeader.checksum, UInt32(LFSImages.load32(good, ImageHeader.checksum)) ^ 0x8000)
        expectError(bytes, "checksum mismatch (corrupt image)")
        // A header field changed, checksum recomputed: the section table no longer adds up.
        bytes = good
        LFSImages.store32(&bytes, ImageHeader.moduleCount, UInt32(LFSImages.load32(good, ImageHeader.moduleCount) + 1))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: section table is inconsistent")
    }

    @Test func misalignedMemoryIsRefused() throws {
        let good = try Self.image()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: good.count + 8, alignment: 16)
        defer { buffer.deallocate() }
        UnsafeMutableRawBufferPointer(rebasing: buffer[8...]).copyBytes(from: good)
        #expect(throws: ImageError("image is not 16-byte aligned in memory")) {
            try FlashImage.verify(UnsafeRawBufferPointer(rebasing: buffer[8...]))
        }
    }

    /// Self-relative string constant slots: (offset of the slot, the string's offset).
    static func stringConstants(_ b: [UInt8]) -> [(slot: Int, target: Int)] {
        var found: [(Int, Int)] = []
        for p in LFSImages.protoOffsets(b) {
            let constants = p + LFSImages.load32(b, p + ProtoLayout.Header.constantsOffset)
            for i in 0..<LFSImages.load32(b, p + ProtoLayout.Header.constantCount) {
                let slot = constants + ProtoLayout.Constant.size * i
                let tag = b[slot + ProtoLayout.Constant.tag]
                if tag == ValueTag.shortString.rawValue || tag == ValueTag.longString.rawValue {
                    found.append((slot, slot + Int(LFSImages.load64(b, slot))))
                }
            }
        }
        return found
    }

    @Test func aStringReferenceIntoTheMiddleOfAnObject() throws {
        let good = try Self.image()
        let constants = Self.stringConstants(good)
        #expect(constants.count > 10)
        var bytes = good
        let (slot, _) = constants[0]
        LFSImages.store64(&bytes, slot, LFSImages.load64(good, slot) + 16)  // every string object is at least 48 bytes
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: string reference does not point to a string object")
        // Into the prototypes, and before the image.
        bytes = good
        LFSImages.store64(&bytes, slot, Int64(LFSImages.protoOffsets(good)[0] - slot))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: string reference does not point to a string object")
        bytes = good
        LFSImages.store64(&bytes, slot, -Int64(slot) - 4096)
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: string reference does not point to a string object")
        // A short-string constant pointing at a long string object.
        let long = try LFSImages.build([("m", "return 'short', '\(String(repeating: "L", count: 60))'")])
        let pair = Self.stringConstants(long)
        #expect(pair.count == 2)
        bytes = long
        LFSImages.store64(&bytes, pair[0].slot, Int64(pair[1].target - pair[0].slot))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: string constant has the wrong kind")
    }

    @Test func childReferencesMustPointBackToAnUnusedPrototype() throws {
        let good = try Self.image()
        let protos = LFSImages.protoOffsets(good)
        // A prototype with children: its first child reference.
        guard let parent = protos.first(where: { LFSImages.load32(good, $0 + ProtoLayout.Header.protoCount) > 0 }) else {
            throw LFSImages.Failure("no parent")
        }
        let field = parent + LFSImages.load32(good, parent + ProtoLayout.Header.protosOffset)
        let later = protos.last!
        #expect(later > parent)
        for (target, why) in [
            (parent, "itself"), (later, "forward"), (parent + ObjectHeaderLayout.size, "middle"),
            (LFSImages.stringOffsets(good)[0], "string"),
        ] {
            var bytes = good
            LFSImages.store64(&bytes, field, Int64(target - field))
            LFSImages.rechecksum(&bytes)
            expectError(bytes, "bad image: child reference of prototype at \(parent) is invalid")
            _ = why
        }
        // Two parents sharing a child.
        let parents = protos.filter { LFSImages.load32(good, $0 + ProtoLayout.Header.protoCount) > 0 }
        #expect(parents.count >= 2)
        var bytes = good
        let first = parents[0] + LFSImages.load32(good, parents[0] + ProtoLayout.Header.protosOffset)
        let second = parents[1] + LFSImages.load32(good, parents[1] + ProtoLayout.Header.protosOffset)
        let shared = first + Int(LFSImages.load64(good, first))
        LFSImages.store64(&bytes, second, Int64(shared - second))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: prototype at \(shared) has two parents")
    }

    @Test func instructionsAreVerified() throws {
        let good = try LFSImages.build([("greet", SampleModules.greet)])
        let root = LFSImages.protoOffsets(good).last!  // the module's main function is placed last
        let code = root + LFSImages.load32(good, root + ProtoLayout.Header.codeOffset)
        let first = UInt32(LFSImages.load32(good, code))
        #expect(Instruction(first).opcode == .newtable)  // local M = {}
        var bytes = good
        LFSImages.store32(&bytes, code, (first & ~(0xFF << 6)) | (200 << 6))  // A = register 200
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "greet: bad binary format (register 200 out of frame at instruction 1)")
        // An invalid opcode, and a last instruction that is not RETURN.
        bytes = good
        LFSImages.store32(&bytes, code, (first & ~0x3F) | 63)
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "greet: bad binary format (invalid opcode at instruction 1)")
        // A constant index past the constants (LOADK Bx).
        bytes = good
        let codeCount = LFSImages.load32(good, root + ProtoLayout.Header.codeCount)
        let loadk = (0..<codeCount).first { Instruction(UInt32(LFSImages.load32(good, code + 4 * $0))).opcode == .loadk }
        guard let loadk else { throw LFSImages.Failure("no LOADK") }
        let k = UInt32(LFSImages.load32(good, code + 4 * loadk))
        LFSImages.store32(&bytes, code + 4 * loadk, (k & 0x3FFF) | (5000 << 14))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "greet: bad binary format (constant index out of range at instruction \(loadk + 1))")
    }

    /// Found by the fuzzer's reasoning: debug.setlocal(level, n) writes register base + n - 1 for any
    /// local the function's table says is active, so local ranges claiming more live locals than
    /// the frame has registers wrote past the Lua stack (3,000 slots here, with a stack of 40).
    @Test func localVariableRangesMustFitTheFrame() throws {
        var source = ""
        for i in 1...3000 { source += "do local v\(i) = \(i) end\n" }
        source += "return (debug.setlocal(1, 3000, 'written past the stack'))\n"
        let good = try LFSImages.build([("locals", source)])
        let image = try ReadOnlyImageTests.Image(good)
        #expect(try LFSImages.state(image).run("return node.LFS.locals()") == [.nil])

        let root = LFSImages.protoOffsets(good).last!
        let locals = root + LFSImages.load32(good, root + ProtoLayout.Header.localsOffset)
        let codeCount = LFSImages.load32(good, root + ProtoLayout.Header.codeCount)
        #expect(LFSImages.load32(good, root + ProtoLayout.Header.localCount) == 3000 && good[root + ProtoLayout.Header.maxStackSize] < 10)
        var bytes = good
        for i in 0..<3000 {  // every local alive from the first instruction to the last
            LFSImages.store32(&bytes, locals + ProtoLayout.Local.size * i + ProtoLayout.Local.startPC, 0)
            LFSImages.store32(&bytes, locals + ProtoLayout.Local.size * i + ProtoLayout.Local.endPC, UInt32(codeCount))
        }
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "locals: bad binary format (more active locals than registers at instruction 1)")
        bytes = good
        LFSImages.store32(&bytes, locals + ProtoLayout.Local.endPC, UInt32(codeCount + 1))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "locals: bad binary format (local variable range out of code)")
        bytes = good
        LFSImages.store32(&bytes, locals + ProtoLayout.Local.startPC, UInt32(bitPattern: -1))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "locals: bad binary format (local variable range out of code)")

        // The same check guards binary chunks given to load.
        var f = try LFSImages.compileModule("locals", source)
        for i in f.localVariables.indices {
            f.localVariables[i].startPC = 0
            f.localVariables[i].endPC = Int32(f.code.count)
        }
        #expect(throws: ChunkLoadError.self) { try Verifier.verify(f, name: Array("chunk".utf8)) }
        let L = try LuaState(heapLimit: Int.max)
        try L.rawSet(L.globals, Value(try L.newString("chunk")), Value(try L.newString(BinaryChunk.dump(f, strip: false))))
        let loaded = try L.run("return load(chunk, 'chunk', 'b')")
        #expect(loaded == [.nil, .string("chunk: bad binary format (more active locals than registers at instruction 1)")])
    }

    @Test func indexesAndEntriesAreChecked() throws {
        let good = try Self.image()
        // A ROM string table bucket emptied: a short string is no longer found.
        var bytes = good
        let stringBuckets = LFSImages.load32(good, ImageHeader.stringBucketsOffset)
        let filled = (0..<LFSImages.load32(good, ImageHeader.stringBucketCount)).first {
            LFSImages.load32(good, stringBuckets + EntryRecord.bucketSize * $0) != 0
        }!
        LFSImages.store32(&bytes, stringBuckets + EntryRecord.bucketSize * filled, 0)
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: string index does not match the strings")
        // A module entry pointing at a child prototype instead of a main one.
        bytes = good
        let entries = LFSImages.load32(good, ImageHeader.entriesOffset)
        LFSImages.store32(&bytes, entries + 4, UInt32(LFSImages.protoOffsets(good)[0]))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: module entry 1 shares its prototype")
        // An entry index bucket out of range.
        bytes = good
        let entryBuckets = LFSImages.load32(good, ImageHeader.entryBucketsOffset)
        let used = (0..<LFSImages.load32(good, ImageHeader.entryBucketCount)).first {
            LFSImages.load32(good, entryBuckets + EntryRecord.bucketSize * $0) != 0
        }!
        LFSImages.store32(&bytes, entryBuckets + EntryRecord.bucketSize * used, 99)
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: entry index bucket \(used) is out of range")
        // A string whose stored hash is wrong (its bytes changed).
        bytes = good
        let s = LFSImages.stringOffsets(good)[0]
        bytes[s + StringLayout.bytes] ^= 0x01
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: string at \(s) has a wrong hash")
        // A prototype's section offset that does not match its counts.
        bytes = good
        let p = LFSImages.protoOffsets(good)[0]
        let constantsOffset = p + ProtoLayout.Header.constantsOffset
        LFSImages.store32(&bytes, constantsOffset, UInt32(LFSImages.load32(good, constantsOffset) + 8))
        LFSImages.rechecksum(&bytes)
        expectError(bytes, "bad image: prototype at \(p) has an inconsistent layout")
    }
}

@Suite struct FlashImageWriteProtectionTests {
    static func writeTemporaryImage() throws -> String {
        let bytes = try LFSImages.build(SampleModules.all)
        var template = Array("/tmp/flashlua-image-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw LFSImages.Failure("mkstemp") }
        close(fd)
        let path = String(cString: template)
        guard HostPlatform.writeWholeFile(path, bytes) else { throw LFSImages.Failure("write \(path)") }
        return path
    }

    @Test func theMappedFileIsReadOnlyInTheProcessMap() throws {
        let path = try Self.writeTemporaryImage()
        defer { unlink(path) }
        let mapped = try MappedImageFile(path: path)
        let L = try LuaState(heapLimit: Int.max, flashImage: mapped.image)
        try L.openFlashStoreLibrary()
        #expect(try L.run("collectgarbage(); return require('greet').hello('map')") == [.string("greeting, map")])

        guard case .bytes(let maps) = HostPlatform.readWholeFile("/proc/self/maps") else { throw LFSImages.Failure("no /proc/self/maps") }
        let address = UInt(bitPattern: Int(bitPattern: mapped.image.base))
        var permissions: String? = nil
        for line in String(decoding: maps, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let low = UInt(range[0], radix: 16), let high = UInt(range[1], radix: 16) else { continue }
            if low <= address && address < high { permissions = String(fields[1]) }
        }
        #expect(permissions == "r--p")
    }

    @Test func aWriteToTheMappedImageFaults() async throws {
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            let path = try FlashImageWriteProtectionTests.writeTemporaryImage()
            defer { unlink(path) }
            let mapped = try MappedImageFile(path: path)
            let L = try LuaState(heapLimit: Int.max, flashImage: mapped.image)
            try L.openFlashStoreLibrary()
            _ = try L.run("collectgarbage(); return require('shapes').new(1, 2):area()")
            // What a collector marking an image object would do.
            UnsafeMutableRawPointer(mutating: mapped.image.base + ImageHeader.size).storeBytes(
                of: ObjectMarks.marked | ObjectMarks.readOnly, toByteOffset: ObjectHeaderLayout.marks, as: UInt8.self)
        }
    }

    @Test func aMissingOrBrokenFileGivesAClearError() throws {
        #expect(throws: ImageError("/nonexistent/lfs.img: cannot open LFS image (No such file or directory)")) {
            try MappedImageFile(path: "/nonexistent/lfs.img")
        }
        let path = try Self.writeTemporaryImage()
        defer { unlink(path) }
        guard case .bytes(var bytes) = HostPlatform.readWholeFile(path) else { throw LFSImages.Failure("read") }
        bytes.removeLast(32)
        #expect(HostPlatform.writeWholeFile(path, bytes))
        #expect(throws: ImageError("\(path): image is \(bytes.count) bytes but its header says \(bytes.count + 32) (truncated or padded)"))
        {
            try MappedImageFile(path: path)
        }
        #expect(HostPlatform.writeWholeFile(path, []))
        #expect(throws: ImageError("\(path): empty file, not an LFS image")) { try MappedImageFile(path: path) }
    }
}
