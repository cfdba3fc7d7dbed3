import FlashLuaBytecode
import FlashLuaCompiler
import Glibc
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// Execute-in-place readiness: prototypes and strings laid out in a region that is then made
/// read-only with mprotect (any write by the VM or the collector would crash the test) run,
/// survive full collections, and strings created at run time resolve to the region's objects.
@Suite struct ReadOnlyImageTests {
    /// An image built by ImageBuilder, copied into page-aligned memory that is then made
    /// read-only, and verified there.
    final class Image {
        let base: UnsafeMutableRawPointer
        let size: Int
        let image: FlashImage

        init(_ bytes: [UInt8]) throws {
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            size = (bytes.count + page - 1) / page * page
            var memory: UnsafeMutableRawPointer?
            guard posix_memalign(&memory, page, size) == 0, let memory else { throw ImageFailure() }
            memory.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            guard mprotect(memory, size, PROT_READ) == 0 else { throw ImageFailure() }
            base = memory
            image = try FlashImage.verify(UnsafeRawBufferPointer(start: memory, count: bytes.count))
        }

        convenience init(modules: [(String, String)]) throws {
            var builder = ImageBuilder()
            for (name, source) in modules {
                try builder.addModule(name: Array(name.utf8), try compile(Array(source.utf8), chunkName: Array("@\(name).lua".utf8)))
            }
            try self.init(try builder.build())
        }

        /// The image object holding these bytes, if any (found by walking its strings).
        func string(_ text: String) -> UnsafeRawPointer? {
            var found: UnsafeRawPointer? = nil
            image.forEachString { bytes, _ in
                if Array(bytes) == Array(text.utf8) { found = UnsafeRawPointer(bytes.baseAddress! - StringLayout.bytes) }
            }
            return found
        }

        deinit {
            _ = mprotect(base, size, PROT_READ | PROT_WRITE)
            free(base)
        }
    }

    struct ImageFailure: Error {}

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
        let image = try Image(modules: [("image", Self.program)])
        let L = try LuaState(heapLimit: Int.max, flashImage: image.image)
        try L.openFlashStoreLibrary()

        let results = try L.run(
            """
            local M = node.LFS.image()
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
        #expect(UnsafeRawPointer(made.raw) == image.string("greeting"))
        #expect(made.isReadOnly)
        // The collector neither marked nor linked image objects.
        let main = Array("image".utf8).withUnsafeBufferPointer { image.image.module($0)! }
        #expect(main.raw.header.pointee.marks == ObjectMarks.readOnly)
    }
}
