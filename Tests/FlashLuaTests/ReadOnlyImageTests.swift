import FlashLuaBytecode
import FlashLuaCompiler
import Glibc
import Testing

@testable import FlashLua

/// Execute-in-place readiness: prototypes and strings laid out in a region that is then made
/// read-only with mprotect (any write by the VM or the collector would crash the test) run,
/// survive full collections, and strings created at run time resolve to the region's objects.
@Suite struct ReadOnlyImageTests {
    /// A minimal image: every string of a compiled chunk, then its prototypes (children first),
    /// in one page-aligned region, built the way an LFS image will be.
    final class Image {
        let base: UnsafeMutableRawPointer
        let size: Int
        var strings: [[UInt8]: UnsafeMutableRawPointer] = [:]
        var main: UnsafeMutableRawPointer!

        init(_ f: FunctionDescription, seed: UInt32) throws {
            var texts: [[UInt8]] = []
            func collect(_ f: FunctionDescription) {
                if let s = f.source { texts.append(s) }
                for case .string(let s) in f.constants { texts.append(s) }
                for u in f.upvalues { if let n = u.name { texts.append(n) } }
                for l in f.localVariables { texts.append(l.name) }
                f.protos.forEach(collect)
            }
            collect(f)
            var unique: [[UInt8]] = []
            for t in texts where !unique.contains(t) { unique.append(t) }
            func align16(_ x: Int) -> Int { (x + 15) & ~15 }
            func protoBytes(_ f: FunctionDescription) -> Int {
                f.protos.reduce(align16(ProtoLayout(f).totalSize)) { $0 + protoBytes($1) }
            }
            let needed = unique.reduce(0) { $0 + align16(LuaString.headerSize + $1.count + 1) } + protoBytes(f)
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            size = (needed + page - 1) / page * page
            var memory: UnsafeMutableRawPointer?
            guard posix_memalign(&memory, page, size) == 0, let memory else { throw ImageError() }
            base = memory
            base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            var cursor = base
            for s in unique {
                let p = cursor
                let isShort = s.count <= LuaString.maxShortLength
                let objectSize = LuaString.headerSize + s.count + 1
                p.header.initialize(
                    to: ObjectHeader(
                        next: nil, tag: isShort ? .shortString : .longString, marks: ObjectMarks.readOnly,
                        flags: LuaString.hashedFlag, extra: 0, size: UInt32(objectSize)))
                let hash = s.withUnsafeBufferPointer { LuaString.computeHash($0, seed: seed) }
                p.storeBytes(of: hash, toByteOffset: 24, as: UInt32.self)
                p.storeBytes(of: UInt32(s.count), toByteOffset: 28, as: UInt32.self)
                for (i, b) in s.enumerated() { p.storeBytes(of: b, toByteOffset: 32 + i, as: UInt8.self) }
                strings[s] = p
                cursor += align16(objectSize)
            }
            func place(_ f: FunctionDescription) throws -> UnsafeMutableRawPointer {
                var children: [UnsafeMutableRawPointer] = []
                for c in f.protos { children.append(try place(c)) }
                let layout = ProtoLayout(f)
                let p = cursor
                cursor += align16(layout.totalSize)
                p.header.initialize(
                    to: ObjectHeader(
                        next: nil, tag: .proto, marks: ObjectMarks.readOnly, flags: 0, extra: 0, size: UInt32(layout.totalSize)))
                let table = strings
                try layout.write(
                    f, at: p,
                    string: { (s: [UInt8]) throws(LuaError) -> UnsafeRawPointer in UnsafeRawPointer(table[s]!) },
                    child: { (i: Int) throws(LuaError) -> UnsafeRawPointer in UnsafeRawPointer(children[i]) })
                return p
            }
            main = try place(f)
            guard mprotect(base, size, PROT_READ) == 0 else { throw ImageError() }
        }

        func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> LuaString? {
            strings[Array(bytes)].map(LuaString.init)
        }

        deinit {
            _ = mprotect(base, size, PROT_READ | PROT_WRITE)
            free(base)
        }
    }

    struct ImageError: Error {}

    static let program = """
        local greeting = "hello"
        local M = {}
        function M.shout(s) return (s or greeting):upper() .. "!" end
        function M.count(n)
          local t = {}
          for i = 1, n do t[#t + 1] = { index = i, name = "item" .. i } end
          local sum = 0
          for _, v in ipairs(t) do sum = sum + v.index end
          return sum
        end
        function M.fail() local cfg; return cfg.port end
        return M
        """

    @Test func prototypesAndStringsRunFromAReadOnlyRegion() throws {
        // The image is mounted before the libraries create their strings, so a name like "upper"
        // is one object whether it comes from the image or from the string library.
        let L = try LuaState(bare: Int.max)
        let description = try compile(Array(Self.program.utf8), chunkName: Array("@image.lua".utf8))
        let image = try Image(description, seed: L.seed)
        L.romStrings = RomStringLookup(find: { bytes, _ in image.lookup(bytes) })
        try L.openLibraries()

        let closure = try L.newLuaClosure(Proto(image.main), upvalues: 1)
        closure.upvalues[0] = try L.newUpvalue().raw
        closure.upvalue(0).pointer.pointee = Value(L.globals)
        try L.rawSet(L.globals, Value(try L.newString("imagemodule")), Value(closure))

        let results = try L.run(
            """
            local M = imagemodule()
            local ok, err = pcall(M.fail)
            collectgarbage(); collectgarbage()
            return M.shout(), M.shout("x"), M.count(2000), err, M.count(10)
            """)
        #expect(
            results == [
                .string("HELLO!"), .string("X!"), .integer(2_001_000),
                .string("image.lua:11: attempt to index a nil value (local 'cfg')"), .integer(55),
            ])

        // A string made at run time that the image holds is the image's object, not a copy.
        let made = try L.newString(Array("greeting".utf8))
        #expect(made.raw == image.strings[Array("greeting".utf8)])
        #expect(made.isReadOnly)
        // The collector neither marked nor linked image objects.
        #expect(Proto(image.main).raw.header.pointee.marks == ObjectMarks.readOnly)
    }
}
