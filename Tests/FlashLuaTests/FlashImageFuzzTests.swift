import FlashLuaBytecode
import FlashLuaCompiler
import Glibc
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// The image verifier against hostile input: realistic images are mutated (bit flips, random
/// bytes, truncation, copied words, small integers in header, prototype, reference, code, entry
/// and index fields), most with the checksum recomputed so the structural checks are what is
/// tested. FlashImage.verify must throw ImageError or accept; an accepted image is mounted
/// read-only (mprotect) in a state with a small heap and every module runs under an
/// instruction budget. A crash or a hang fails the run; the seeds make every failure reproducible.
@Suite struct FlashImageFuzzTests {
    /// The binary-chunk fuzzer's SplitMix64 (small, fast and deterministic).
    typealias Random = SplitMix64

    // MARK: Base images

    static let config = """
        local defaults = { port = 8080, host = "device.local", retries = 3, ratio = 0.75, debug = false }
        local M = {}
        function M.get(key, fallback)
          local v = defaults[key]
          if v == nil then return fallback end
          return v
        end
        function M.merge(t)
          local out = {}
          for k, v in pairs(defaults) do out[k] = v end
          for k, v in pairs(t or {}) do out[k] = v end
          return out
        end
        M.banner = "configuration module with a fairly long banner string, longer than forty bytes"
        return M
        """
    static let util = """
        local M = {}
        local function split(s, sep)
          local out, i = {}, 1
          for part in string.gmatch(s, "[^" .. sep .. "]+") do out[i] = part; i = i + 1 end
          return out
        end
        M.split = split
        function M.join(...)
          local n = select("#", ...)
          local parts = {}
          for i = 1, n do parts[#parts + 1] = tostring((select(i, ...))) end
          return table.concat(parts, ",")
        end
        function M.counter(start)
          local n = start or 0
          return function(step) n = n + (step or 1); return n end
        end
        function M.find(t, x)
          for i = 1, #t do
            if t[i] == x then goto found end
          end
          do return nil end
          ::found::
          return true
        end
        function M.fmt(x) return string.format("%d items, %5.2f%%, %s", #split("a,b,c", ","), x or 1.5, "ok") end
        return M
        """
    static let shapes = """
        local Shape = {}
        Shape.__index = Shape
        Shape.__tostring = function(s) return "shape(" .. s.w .. "x" .. s.h .. ")" end
        Shape.__eq = function(a, b) return a.w == b.w and a.h == b.h end
        Shape.__lt = function(a, b) return a:area() < b:area() end
        function Shape.new(w, h) return setmetatable({ w = w or 1, h = h or 1 }, Shape) end
        function Shape:area() return self.w * self.h end
        function Shape.compare(a, b) local x, y = Shape.new(a, b), Shape.new(b, a) return x == y, x < y, tostring(x) end
        return Shape
        """
    static let machine = """
        local M = {}
        local states = { idle = { go = "running" }, running = { stop = "idle", pause = "paused" }, paused = { go = "running" } }
        function M.run(events)
          local state, trace = "idle", {}
          for _, e in ipairs(type(events) == "table" and events or { "go", "pause", "go", "stop" }) do
            local nextState = states[state][e]
            if nextState then state = nextState end
            trace[#trace + 1] = state
          end
          return state, #trace
        end
        function M.producer(n)
          local co = coroutine.wrap(function()
            for i = 1, (tonumber(n) or 3) do coroutine.yield(i * i) end
            return -1
          end)
          local sum = 0
          for _ = 1, 4 do sum = sum + co() end
          return sum
        end
        function M.nested(x)
          local function a(y) local function b(z) return function() return x + y + z end end return b(y + 1) end
          return a(x)()
        end
        function M.loop(n)
          local acc = 0
          for i = 1, (tonumber(n) or 10) * 10 do
            if i % 3 == 0 then acc = acc + i elseif i % 5 == 0 then acc = acc - 1 else acc = acc ~ i end
          end
          while acc > 100 do acc = acc // 2 end
          repeat acc = acc + 1 until acc > 0
          return acc
        end
        return M
        """
    static let numbers: String = {
        var s = "local M = {}\nlocal k = {"
        for i in 1...150 { s += " \"n\(i)\", \(i * 3).25," }
        s += " }\n"
        s += "function M.sum() local t = 0 for i = 2, #k, 2 do t = t + k[i] end return t end\n"
        s += "function M.name(i) return k[(tonumber(i) or 1) * 2 - 1] end\n"
        s += "function M.math(x) x = tonumber(x) or 2 return x // 3, x % 7, 2^x, x << 2, x >> 1, x & 5, x | 8, -x, math.floor(x / 3) end\n"
        s += "return M\n"
        return s
    }()
    static let introspect = """
        local M = {}
        function M.locals(a, b, ...)
          local x, y = a, b
          local names = {}
          for i = -3, 8 do
            local name, value = debug.getlocal(1, i)
            if name then names[#names + 1] = name .. "=" .. tostring(value) end
          end
          return table.concat(names, " ")
        end
        function M.set(a) local v = 1; debug.setlocal(1, 2, a); debug.setlocal(1, 3, a) return v end
        function M.info()
          local t = debug.getinfo(1, "nSlu")
          return t.short_src, t.currentline, t.nparams, debug.traceback("tb", 1)
        end
        function M.up()
          local u = 5
          local f = function() return u end
          return debug.getupvalue(f, 1), debug.setupvalue(f, 1, 6), f(), debug.getlocal(f, 1)
        end
        function M.fail(x) local t = nil; return t[x] end
        return M
        """
    static let dummyStrings = """
        local preload = "alpha_token", "beta_token", "gamma_token", "delta_token", "a somewhat longer dummy string of more than forty bytes"
        """

    static let baseImages: [[UInt8]] = {
        func build(_ modules: [(String, String)], resources: [(String, [UInt8])], strip: Bool) -> [UInt8] {
            do {
                return try LFSImages.build(modules, resources: resources, strip: strip, buildTime: 1_700_000_000)
            } catch {
                fatalError("base image: \(error)")
            }
        }
        let page = Array("<html><body><h1>FlashLua</h1><p>served from ROM</p></body></html>\n".utf8)
        let binary = (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let app = [
            ("config", config), ("util", util), ("shapes", shapes), ("machine", machine), ("introspect", introspect),
            ("dummy_strings", dummyStrings),
        ]
        return [
            build(app, resources: [("index.html", page)], strip: false),
            build(app, resources: [("index.html", page)], strip: true),
            build([("numbers", numbers), ("machine", machine)], resources: [("blob", binary)], strip: false),
            build([("tiny", "return 1 + 2, ...")], resources: [("r", Array("x".utf8))], strip: true),
            build([("shapes", shapes), ("introspect", introspect), ("numbers", numbers)], resources: [], strip: false),
        ]
    }()

    /// Where the interesting fields of one base image are.
    struct Layout {
        var headerFields: [Int] = Array(stride(from: ImageHeader.version, through: ImageHeader.stringBucketCount, by: 4))
        var protoFields8: [Int] = []  // numParams, isVararg, maxStack
        var protoFields32: [Int] = []  // counts and section offsets
        var references: [Int] = []  // self-relative i64: source, string constants, names, children
        var constantTags: [Int] = []
        var code: [Int] = []
        var debugInfo: [Int] = []  // local variable ranges, line info
        var upvalueBytes: [Int] = []
        var stringFields: [Int] = []  // length, hash, size, tag/marks/flags bytes
        var indexWords: [Int] = []  // entry records and both bucket arrays

        init(_ b: [UInt8]) {
            let h = ProtoLayout.Header.self
            for p in LFSImages.protoOffsets(b) {
                protoFields8 += [p + h.numParams, p + h.isVararg, p + h.maxStackSize]
                let counts = stride(from: p + h.codeCount, through: p + h.localsOffset, by: 4)
                protoFields32 += Array(counts) + [p + ObjectHeaderLayout.byteCount]
                references.append(p + h.source)
                let constants = p + LFSImages.load32(b, p + h.constantsOffset)
                for i in 0..<LFSImages.load32(b, p + h.constantCount) {
                    let slot = constants + ProtoLayout.Constant.size * i
                    let tag = slot + ProtoLayout.Constant.tag
                    constantTags.append(tag)
                    if b[tag] == ValueTag.shortString.rawValue || b[tag] == ValueTag.longString.rawValue {
                        references.append(slot + ProtoLayout.Constant.payload)
                    }
                }
                let upvalues = p + LFSImages.load32(b, p + h.upvaluesOffset)
                for i in 0..<LFSImages.load32(b, p + h.upvalueCount) {
                    let u = ProtoLayout.UpvalueDescriptor.self
                    let descriptor = upvalues + u.size * i
                    references.append(descriptor + u.name)
                    upvalueBytes += [descriptor + u.inStack, descriptor + u.index]
                }
                let children = p + LFSImages.load32(b, p + h.protosOffset)
                for i in 0..<LFSImages.load32(b, p + h.protoCount) {
                    references.append(children + ProtoLayout.childReferenceSize * i)
                }
                let locals = p + LFSImages.load32(b, p + h.localsOffset)
                for i in 0..<LFSImages.load32(b, p + h.localCount) {
                    let local = locals + ProtoLayout.Local.size * i
                    references.append(local + ProtoLayout.Local.name)
                    debugInfo += [local + ProtoLayout.Local.startPC, local + ProtoLayout.Local.endPC]
                }
                let lines = p + LFSImages.load32(b, p + h.lineInfoOffset)
                for i in 0..<LFSImages.load32(b, p + h.lineInfoCount) { debugInfo.append(lines + ProtoLayout.lineInfoSize * i) }
                let codeStart = p + LFSImages.load32(b, p + h.codeOffset)
                for i in 0..<LFSImages.load32(b, p + h.codeCount) { code.append(codeStart + ProtoLayout.instructionSize * i) }
            }
            for s in LFSImages.stringOffsets(b) {
                let header = ObjectHeaderLayout.self
                stringFields += [s + header.tag, s + header.marks, s + header.flags, s + header.byteCount]
                stringFields += [s + StringLayout.hash, s + StringLayout.length]
            }
            let entries = LFSImages.load32(b, ImageHeader.entriesOffset)
            indexWords = Array(stride(from: entries, to: LFSImages.load32(b, ImageHeader.imageSize) - 3, by: 4))
        }
    }

    static let layouts: [Layout] = baseImages.map(Layout.init)

    // MARK: Mutations

    static func smallValue(_ original: Int, _ r: inout Random) -> UInt32 {
        let choices: [Int] = [
            0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 48, 64, 88, 96, 255, 256, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF,
            original + 1, original - 1, original + 4, original - 4, original + 16, original - 16, original * 2, original / 2,
            r.below(1024), r.below(1 << 20),
        ]
        return UInt32(truncatingIfNeeded: r.pick(choices))
    }

    /// One to three mutations of a base image; the result may be any length.
    static func mutate(_ base: [UInt8], _ layout: Layout, _ r: inout Random) -> (bytes: [UInt8], kinds: [Int]) {
        var b = base
        var kinds: [Int] = []
        for _ in 0..<(1 + r.below(3)) {
            guard b.count > 8 else { break }
            let kind = r.below(12)
            kinds.append(kind)
            switch kind {
            case 0:  // bit flips
                for _ in 0..<(1 + r.below(4)) { b[r.below(b.count)] ^= UInt8(1 << r.below(8)) }
            case 1:  // random bytes
                let at = r.below(b.count)
                for i in at..<min(b.count, at + 1 + r.below(8)) { b[i] = UInt8(truncatingIfNeeded: r.next()) }
            case 2:  // truncation (or padding), the size field sometimes kept in step
                let length = r.chance(80) ? r.below(b.count) : b.count + 16 * (1 + r.below(4))
                b = length < b.count ? Array(b.prefix(length)) : b + [UInt8](repeating: 0, count: length - b.count)
                if b.count >= ImageHeader.size && r.chance(60) { LFSImages.store32(&b, ImageHeader.imageSize, UInt32(b.count)) }
            case 3:  // a 4- or 8-byte word copied elsewhere
                let width = r.chance(50) ? 4 : 8
                guard b.count > 2 * width else { break }
                let from = r.below(b.count / width) * width
                let to = r.below(b.count / width) * width
                if from + width <= b.count && to + width <= b.count { for i in 0..<width { b[to + i] = b[from + i] } }
            case 4:  // header field
                let at = r.pick(layout.headerFields)
                if at + 4 <= b.count { LFSImages.store32(&b, at, smallValue(LFSImages.load32(b, at), &r)) }
            case 5:  // prototype counts and section offsets; local variable ranges and line info
                let at = r.chance(30) && !layout.debugInfo.isEmpty ? r.pick(layout.debugInfo) : r.pick(layout.protoFields32)
                if at + 4 <= b.count { LFSImages.store32(&b, at, smallValue(LFSImages.load32(b, at), &r)) }
            case 6:  // numParams / isVararg / maxStack
                let at = r.pick(layout.protoFields8)
                if at < b.count { b[at] = UInt8(truncatingIfNeeded: smallValue(Int(b[at]), &r)) }
            case 7:  // a self-relative reference moved
                let at = r.pick(layout.references)
                if at + 8 <= b.count {
                    let deltas: [Int64] = [16, -16, 32, -32, 48, 8, -8, 1, 4096, -4096, Int64(r.below(1 << 16)) - (1 << 15)]
                    let value = r.chance(15) ? 0 : LFSImages.load64(b, at) &+ r.pick(deltas)
                    LFSImages.store64(&b, at, value)
                }
            case 8:  // an instruction field
                let at = r.pick(layout.code)
                if at + 4 <= b.count {
                    var ins = UInt32(LFSImages.load32(b, at))
                    switch r.below(5) {
                    case 0: ins = (ins & ~0x3F) | UInt32(r.below(64))
                    case 1: ins = (ins & ~(0xFF << 6)) | UInt32(r.below(256)) << 6
                    case 2: ins = (ins & ~(0x1FF << 14)) | UInt32(r.below(512)) << 14
                    case 3: ins = (ins & ~(0x1FF << 23)) | UInt32(r.below(512)) << 23
                    default: ins = UInt32(truncatingIfNeeded: r.next())
                    }
                    LFSImages.store32(&b, at, ins)
                }
            case 9:  // constant tags, upvalue descriptors
                let at = r.chance(50) ? r.pick(layout.constantTags) : r.pick(layout.upvalueBytes)
                if at < b.count { b[at] = UInt8(truncatingIfNeeded: smallValue(Int(b[at]), &r)) }
            case 10:  // string object fields
                let at = r.pick(layout.stringFields)
                if at + 4 <= b.count {
                    if at % 16 >= 8 && at % 16 <= 10 {
                        b[at] = UInt8(truncatingIfNeeded: smallValue(Int(b[at]), &r))
                    } else {
                        LFSImages.store32(&b, at, smallValue(LFSImages.load32(b, at), &r))
                    }
                }
            default:  // entry records and bucket arrays
                let at = r.pick(layout.indexWords)
                if at + 4 <= b.count { LFSImages.store32(&b, at, smallValue(LFSImages.load32(b, at), &r)) }
            }
        }
        return (b, kinds)
    }

    // MARK: Running an accepted image

    /// A state on a mounted image, with the modules' sandbox: no os, io, files or package; a
    /// count hook on every thread that ends the run with a restart once the budget is spent
    /// (no pcall of the module can catch that).
    final class Sandbox {
        let L: LuaState
        let driver: LuaValue
        final class Budget { var left = 0 }
        let budget = Budget()

        static let driverCode: FunctionDescription = {
            do {
                return try compile(Array(driverSource.utf8), chunkName: Array("=driver".utf8))
            } catch {
                fatalError("driver: \(error)")
            }
        }()
        static let driverSource = """
            local hook = __budget
            __budget = nil
            local sethook, get, pcall, type, next = debug.sethook, node.LFS.get, pcall, type, next
            local cocreate, coresume, unpack = coroutine.create, coroutine.resume, table.unpack
            local function hooked(f) local co = cocreate(f); sethook(co, hook, "", 32); return co end
            coroutine.create = hooked
            coroutine.wrap = function(f)
              local co = hooked(f)
              return function(...)
                local r = { coresume(co, ...) }
                if r[1] then return unpack(r, 2) end
                error(r[2], 0)
              end
            end
            os, io, dofile, loadfile, package = nil, nil, nil, nil, nil
            debug.sethook = function() end
            require = function(name) local f = get(name) return f and f(name) end
            sethook(hook, "", 32)
            return function(name)
              local ok, m = pcall(get(name), name)
              if ok and type(m) == "table" then
                for _, v in next, m do if type(v) == "function" then pcall(v, 3, "x,y", m) end end
              elseif ok and type(m) == "function" then
                pcall(m, 2)
              end
            end
            """

        init(_ image: FlashImage) throws {
            L = try LuaState(heapLimit: 400_000, flashImage: image)
            try L.openFlashStoreLibrary()
            L.writeOutput = { _ in }
            let budget = self.budget
            let hook = try L.newNativeClosure { (_: LuaState) throws(LuaError) -> Int in
                budget.left -= 1
                if budget.left < 0 { throw LuaError(.restart, .nil) }
                return 0
            }
            try L.rawSet(L.globals, Value(try L.newString("__budget")), Value(hook))
            // The driver is compiled once (compiling it per image would double the cost of a run).
            let main = try L.newMainClosure(try L.newProto(Self.driverCode), env: Value(L.globals))
            let results = try L.call(L.fromValue(Value(main)))
            guard results.count == 1, case .function = results[0] else { throw LFSImages.Failure("driver: \(results)") }
            driver = results[0]
        }

        /// Runs one module; false when the budget ran out (the state is done after a restart).
        func run(_ name: String) -> Bool {
            budget.left = 150
            do {
                try L.call(driver, [.string(name)])
            } catch {
                if error.kind == .restartRequested { return false }
            }
            return true
        }

        func close(collect: Bool) {
            budget.left = 150
            if collect { L.collectGarbage() }
            budget.left = 150
            L.close()
        }
    }

    /// Mounts a verified image read-only (mprotect) and runs every module, and every function a
    /// module returns, under the instruction budget.
    static func run(_ bytes: [UInt8]) throws -> Int {
        let image = try ReadOnlyImageTests.Image(bytes)
        let names = (0..<image.image.moduleCount).map { String(decoding: image.image.entry($0).name, as: UTF8.self) }
        var sandbox: Sandbox? = nil
        for name in names {
            let current = try sandbox ?? Sandbox(image.image)
            sandbox = current
            if !current.run(name) {
                current.close(collect: false)
                sandbox = nil
            }
        }
        sandbox?.close(collect: true)
        return names.count
    }

    struct Counts: Sendable {
        var images = 0, verified = 0, modulesRun = 0, staleChecksums = 0
        var acceptedByKind = [Int](repeating: 0, count: 12)
    }

    static func fuzz(seed: UInt64, count: Int) async throws -> Counts {
        var r = Random(seed: seed)
        var counts = Counts()
        let capacity = baseImages.map(\.count).max()! + 256
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        for n in 0..<count {
            // Long synchronous stretches would keep the other tests off the cooperative pool.
            if n % 256 == 0 { await Task.yield() }
            let which = r.below(baseImages.count)
            var (bytes, kinds) = mutate(baseImages[which], layouts[which], &r)
            if r.chance(90) { LFSImages.rechecksum(&bytes) } else { counts.staleChecksums += 1 }
            counts.images += 1
            let length = min(bytes.count, capacity)
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length]).copyBytes(from: bytes[0..<length])
            do {
                _ = try FlashImage.verify(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
            } catch {
                #expect(!error.message.isEmpty)
                continue
            }
            counts.verified += 1
            for k in Set(kinds) { counts.acceptedByKind[k] += 1 }
            do {
                counts.modulesRun += try run(Array(bytes[0..<length]))
            } catch {
                Issue.record("seed \(seed), image \(n) (base \(which), mutations \(kinds)): \(error)")
            }
        }
        return counts
    }

    @Test func mutatedImagesAreRejectedOrRunSafely() async throws {
        // Every base image is valid to begin with, and runs.
        for bytes in Self.baseImages {
            #expect(LFSImages.verificationError(bytes) == nil)
            #expect(try Self.run(bytes) > 0)
        }
        // FLASHLUA_FUZZ_IMAGES and FLASHLUA_FUZZ_SEED run a longer or different campaign by hand.
        let environment = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        let requested = environment("FLASHLUA_FUZZ_IMAGES").flatMap { Int($0) } ?? 100_000
        let firstSeed = environment("FLASHLUA_FUZZ_SEED").flatMap { UInt64($0) } ?? 0x5EED_0000
        let workers = 2
        let perWorker = max(requested, 100_000) / workers
        let clock = ContinuousClock()
        let start = clock.now
        let results = try await withThrowingTaskGroup(of: Counts.self) { group in
            for w in 0..<workers {
                group.addTask { try await Self.fuzz(seed: firstSeed &+ UInt64(w), count: perWorker) }
            }
            var all: [Counts] = []
            for try await c in group { all.append(c) }
            return all
        }
        var total = Counts()
        for c in results {
            total.images += c.images
            total.verified += c.verified
            total.modulesRun += c.modulesRun
            total.staleChecksums += c.staleChecksums
            for k in 0..<12 { total.acceptedByKind[k] += c.acceptedByKind[k] }
        }
        let elapsed = clock.now - start
        print(
            "LFS fuzz: \(total.images) mutated images (\(total.staleChecksums) with a stale checksum), "
                + "\(total.verified) verified, \(total.modulesRun) module runs, in \(elapsed); accepted by mutation kind \(total.acceptedByKind)"
        )
        #expect(total.images == workers * perWorker)
        #expect(total.verified > 0)
    }
}
