import FlashLuaBytecode
import FlashLuaCompiler
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaSoftmodule

/// The layout diagrams next to ObjectHeaderLayout, StringLayout, ProtoLayout, SoftTrailerLayout,
/// the closure and userdata layouts, ThreadBody, ImageHeader and EntryRecord are true: their
/// fields tile the object in order, Swift's own layout agrees where a struct defines it, and
/// objects built by the runtime (and images built by ImageBuilder) hold their fields there.
@Suite struct LayoutTests {
    /// A field of a diagram: where it starts and how many bytes it has.
    struct Field {
        let name: String
        let offset: Int
        let size: Int
        init(_ name: String, _ offset: Int, _ size: Int) {
            self.name = name
            self.offset = offset
            self.size = size
        }
    }

    /// The fields follow one another from `start` without gaps or overlaps and end at `end`.
    static func expectTiling(_ fields: [Field], from start: Int = 0, to end: Int, _ layout: String) {
        var at = start
        for f in fields {
            #expect(f.offset == at, "\(layout).\(f.name) is at \(f.offset), after the previous field's end \(at)")
            at = f.offset + f.size
        }
        #expect(at == end, "\(layout)'s fields end at \(at), its size is \(end)")
    }

    static func u32(_ p: UnsafeRawPointer, _ offset: Int) -> Int { Int(p.load(fromByteOffset: offset, as: UInt32.self)) }

    // MARK: Diagrams tile their objects

    @Test func objectHeaderMatchesTheStruct() {
        let h = ObjectHeaderLayout.self
        Self.expectTiling(
            [
                Field("next", h.next, 8), Field("tag", h.tag, 1), Field("marks", h.marks, 1), Field("flags", h.flags, 1),
                Field("extra", h.extra, 1), Field("size", h.byteCount, 4),
            ], to: h.size, "ObjectHeader")
        #expect(h.size == 16)
        #expect(MemoryLayout<ObjectHeader>.offset(of: \.next) == h.next)
        #expect(MemoryLayout<ObjectHeader>.offset(of: \.tag) == h.tag)
        #expect(MemoryLayout<ObjectHeader>.offset(of: \.marks) == h.marks)
        #expect(MemoryLayout<ObjectHeader>.offset(of: \.flags) == h.flags)
        #expect(MemoryLayout<ObjectHeader>.offset(of: \.extra) == h.extra)
        #expect(MemoryLayout<ObjectHeader>.offset(of: \.size) == h.byteCount)
        #expect(MemoryLayout<ObjectHeader>.stride == h.size)
        // Bodies that Swift lays out embed the header first, so `raw.header` reads it.
        #expect(MemoryLayout<TableBody>.offset(of: \.header) == 0)
        #expect(MemoryLayout<UpvalueBody>.offset(of: \.header) == 0)
        #expect(MemoryLayout<ThreadBody>.offset(of: \.header) == 0)
    }

    @Test func stringFieldsTile() {
        let s = StringLayout.self
        Self.expectTiling(
            [
                Field("header", 0, ObjectHeaderLayout.size), Field("hashNext", s.hashNext, 8), Field("hash", s.hash, 4),
                Field("length", s.length, 4), Field("bytes", s.bytes, 5), Field("NUL", s.bytes + 5, 1),
            ], to: s.size(length: 5), "StringLayout")
        #expect(s.bytes == 32)
    }

    @Test func protoHeaderFieldsTile() {
        let h = ProtoLayout.Header.self
        let bytes = [
            ("numParams", h.numParams), ("isVararg", h.isVararg), ("maxStackSize", h.maxStackSize), ("softFlags", h.softFlags),
        ].map { Field($0.0, $0.1, 1) }
        let words = [
            ("codeCount", h.codeCount), ("constantCount", h.constantCount), ("upvalueCount", h.upvalueCount),
            ("protoCount", h.protoCount), ("lineInfoCount", h.lineInfoCount), ("localCount", h.localCount),
            ("lineDefined", h.lineDefined), ("lastLineDefined", h.lastLineDefined), ("codeOffset", h.codeOffset),
            ("constantsOffset", h.constantsOffset), ("upvaluesOffset", h.upvaluesOffset), ("protosOffset", h.protosOffset),
            ("lineInfoOffset", h.lineInfoOffset), ("localsOffset", h.localsOffset), ("trailerOffset", h.trailerOffset),
        ].map { Field($0.0, $0.1, 4) }
        Self.expectTiling(
            [Field("header", 0, ObjectHeaderLayout.size)] + bytes + words + [Field("source", h.source, 8)], to: h.size,
            "ProtoLayout.Header")
        #expect(h.size == 88)
        // The word the interpreter's fast call test reads holds these four bytes, little-endian.
        #expect(h.numParams % 4 == 0 && h.softFlags == h.numParams + 3)
        #expect(Proto.varargOrSoftCallBits == 0x0300_FF00)
    }

    @Test func protoSectionRecordsTile() {
        let c = ProtoLayout.Constant.self
        Self.expectTiling([Field("payload", c.payload, 8), Field("tag", c.tag, 1), Field("pad", c.tag + 1, 7)], to: c.size, "Constant")
        #expect(MemoryLayout<Value>.offset(of: \.payload) == c.payload)
        #expect(MemoryLayout<Value>.offset(of: \.tag) == c.tag)
        let u = ProtoLayout.UpvalueDescriptor.self
        Self.expectTiling(
            [Field("name", u.name, 8), Field("inStack", u.inStack, 1), Field("index", u.index, 1), Field("pad", u.index + 1, 6)],
            to: u.size, "UpvalueDescriptor")
        let l = ProtoLayout.Local.self
        Self.expectTiling([Field("name", l.name, 8), Field("startPC", l.startPC, 4), Field("endPC", l.endPC, 4)], to: l.size, "Local")
        #expect(ProtoLayout.instructionSize == MemoryLayout<UInt32>.size)
        #expect(ProtoLayout.childReferenceSize == 8 && ProtoLayout.lineInfoSize == 4)
    }

    /// Sections follow the header in the diagram's order, each where its predecessor ends
    /// (code and line info rounded up to the section alignment).
    @Test func protoSectionsFollowTheDiagram() {
        let layout = ProtoLayout(codeCount: 3, constantCount: 2, upvalueCount: 1, protoCount: 2, lineInfoCount: 3, localCount: 1)
        func align(_ x: Int) -> Int { (x + 7) & ~7 }
        #expect(layout.codeOffset == ProtoLayout.Header.size)
        #expect(layout.constantsOffset == align(layout.codeOffset + 3 * 4))
        #expect(layout.upvaluesOffset == layout.constantsOffset + 2 * 16)
        #expect(layout.protosOffset == layout.upvaluesOffset + 16)
        #expect(layout.lineInfoOffset == layout.protosOffset + 2 * 8)
        #expect(layout.localsOffset == align(layout.lineInfoOffset + 3 * 4))
        #expect(layout.totalSize == layout.localsOffset + 16)
    }

    @Test func softTrailersTile() {
        let s = SoftTrailerLayout.Stub.self
        let cache = Field("closureCache", SoftTrailerLayout.closureCache, 8)
        Self.expectTiling([cache], to: SoftTrailerLayout.Plain.size, "SoftTrailerLayout.Plain")
        Self.expectTiling(
            [
                cache, Field("moduleBase", s.moduleBase, 8), Field("functionName", s.functionName, 8),
                Field("activeFrames", s.activeFrames, 4), Field("codeChecksum", s.codeChecksum, 4), Field("mode", s.mode, 1),
                Field("pad", s.mode + 1, 7),
            ], to: s.size, "SoftTrailerLayout.Stub")
        #expect(s.size == 40 && Proto.trailerSize(softFlags: SoftFlags.stub) == s.size)
        Self.expectTiling([cache, Field("stub", SoftTrailerLayout.Flushed.stub, 8)], to: SoftTrailerLayout.Flushed.size, "Flushed")
        #expect(Proto.trailerSize(softFlags: SoftFlags.flushed) == 16 && Proto.trailerSize(softFlags: SoftFlags.cached) == 8)
        #expect(Proto.trailerSize(softFlags: 0) == 8)
        // The device model charges no cache word: lua5.3's Proto already holds `cache`.
        #expect(Proto.trailerCharge(softFlags: 0, model: .nodeMCU32) == 0)
        #expect(Proto.trailerCharge(softFlags: SoftFlags.stub, model: .nodeMCU32) == 32)
    }

    @Test func closureAndUserdataFieldsTile() {
        let header = Field("header", 0, ObjectHeaderLayout.size)
        let l = LuaClosureLayout.self
        Self.expectTiling(
            [header, Field("proto", l.proto, 8), Field("upvalues", l.upvalues, 2 * l.upvalueSize)], to: l.size(upvalues: 2), "LuaClosure")
        #expect(LuaClosure.size(upvalues: 3) == 48)
        let n = NativeClosureLayout.self
        Self.expectTiling(
            [header, Field("function", n.function, MemoryLayout<NativeFunction>.size), Field("upvalues", n.upvalues, 2 * 16)],
            to: n.size(upvalues: 2), "NativeClosure")
        #expect(n.upvalues == 32)
        let u = UserdataLayout.self
        Self.expectTiling(
            [header, Field("metatable", u.metatable, 8), Field("userValue", u.userValue, 16), Field("length", u.length, 8)], to: u.data,
            "Userdata")
        #expect(u.data == 48 && u.data % 16 == 0)
    }

    /// ThreadBody's diagram gives Swift's offsets of the fields the VM reads through `body`.
    @Test func threadBodyMatchesItsDiagram() {
        typealias T = MemoryLayout<ThreadBody>
        let expected: [(PartialKeyPath<ThreadBody>, Int)] = [
            (\.stack, 16), (\.stackSize, 24), (\.top, 32), (\.callInfoSegments, 40), (\.callInfoSegmentTableCapacity, 48),
            (\.callInfoCapacity, 56), (\.ciIndex, 64), (\.openUpvalues, 72), (\.status, 80), (\.nativeDepth, 88),
            (\.nonYieldable, 96), (\.resumer, 104), (\.hookFunction, 112), (\.hookMask, 121), (\.allowHook, 122),
            (\.hookCount, 128), (\.hookCountdown, 136), (\.errorFunction, 144), (\.lastPC, 152),
        ]
        for (path, offset) in expected { #expect(T.offset(of: path) == offset, "\(path)") }
        #expect(T.size == 160)
    }

    @Test func imageHeaderAndEntryFieldsTile() {
        let h = ImageHeader.self
        var fields = [Field("magic", h.magic, ImageFormat.magic.count)]
        let words = [
            ("version", h.version), ("headerSize", h.headerSize), ("imageSize", h.imageSize), ("checksum", h.checksum),
            ("seed", h.seed), ("flags", h.flags),
        ]
        fields += words.map { Field($0.0, $0.1, 4) } + [Field("buildTime", h.buildTime, 8)]
        let counts = [
            ("stringCount", h.stringCount), ("stringsOffset", h.stringsOffset), ("stringsSize", h.stringsSize),
            ("protosOffset", h.protosOffset), ("protosSize", h.protosSize), ("moduleCount", h.moduleCount),
            ("resourceCount", h.resourceCount), ("entriesOffset", h.entriesOffset), ("entryBucketsOffset", h.entryBucketsOffset),
            ("entryBucketCount", h.entryBucketCount), ("stringBucketsOffset", h.stringBucketsOffset),
            ("stringBucketCount", h.stringBucketCount),
        ]
        fields += counts.map { Field($0.0, $0.1, 4) } + [Field("padding", h.stringBucketCount + 4, 8)]
        Self.expectTiling(fields, to: h.size, "ImageHeader")
        #expect(h.size == 96 && h.size % ImageFormat.alignment == 0 && ImageFormat.headerSize == h.size)
        let e = EntryRecord.self
        Self.expectTiling(
            [Field("name", e.name, 4), Field("target", e.target, 4), Field("kind", e.kind, 4), Field("bytes", e.bytes, 4)], to: e.size,
            "EntryRecord")
    }

    // MARK: Objects the runtime builds

    @Test func aHeapStringHoldsItsFieldsAtTheirOffsets() throws {
        let L = try LuaState(bare: Int.max)
        let text: [UInt8] = Array("layout".utf8)
        let s = try L.newString(text)
        let p = UnsafeRawPointer(s.raw)
        #expect(p.load(fromByteOffset: ObjectHeaderLayout.tag, as: UInt8.self) == ValueTag.shortString.rawValue)
        #expect(Self.u32(p, ObjectHeaderLayout.byteCount) == StringLayout.size(length: text.count))
        #expect(Self.u32(p, StringLayout.length) == text.count)
        let hash = text.withUnsafeBufferPointer { LuaString.computeHash($0, seed: L.seed) }
        #expect(p.load(fromByteOffset: StringLayout.hash, as: UInt32.self) == hash)
        #expect(Array(UnsafeBufferPointer(start: (p + StringLayout.bytes).assumingMemoryBound(to: UInt8.self), count: text.count)) == text)
        #expect(p.load(fromByteOffset: StringLayout.bytes + text.count, as: UInt8.self) == 0)
        let long = try L.newString([UInt8](repeating: 0x61, count: 100))
        #expect(long.raw.load(fromByteOffset: ObjectHeaderLayout.tag, as: UInt8.self) == ValueTag.longString.rawValue)
        #expect(long.raw.load(fromByteOffset: StringLayout.hashNext, as: UInt64.self) == 0)
    }

    @Test func aHeapPrototypeHoldsItsFieldsAtTheirOffsets() throws {
        let L = try LuaState(bare: Int.max)
        let source = """
            local up = 1
            return function(a, b, ...)
              local sum = a + b + up
              return sum, "text", 2.5, function() return sum end
            end
            """
        let main = try compile(Array(source.utf8), chunkName: Array("@layout.lua".utf8))
        let f = main.protos[0]
        let proto = try L.newProto(main).child(0)
        let p = UnsafeRawPointer(proto.raw)
        let h = ProtoLayout.Header.self
        let layout = ProtoLayout(f)
        #expect(p.load(fromByteOffset: ObjectHeaderLayout.tag, as: UInt8.self) == ValueTag.proto.rawValue)
        #expect(Self.u32(p, ObjectHeaderLayout.byteCount) == layout.totalSize + SoftTrailerLayout.Plain.size)
        #expect(p.load(fromByteOffset: h.numParams, as: UInt8.self) == 2)
        #expect(p.load(fromByteOffset: h.isVararg, as: UInt8.self) == 1)
        #expect(p.load(fromByteOffset: h.maxStackSize, as: UInt8.self) == f.maxStackSize)
        #expect(p.load(fromByteOffset: h.softFlags, as: UInt8.self) == 0)
        #expect(Self.u32(p, h.codeCount) == f.code.count && Self.u32(p, h.constantCount) == f.constants.count)
        #expect(Self.u32(p, h.upvalueCount) == f.upvalues.count && Self.u32(p, h.protoCount) == 1)
        #expect(Self.u32(p, h.lineInfoCount) == f.lineInfo.count && Self.u32(p, h.localCount) == f.localVariables.count)
        #expect(
            p.load(fromByteOffset: h.lineDefined, as: Int32.self) == 2 && p.load(fromByteOffset: h.lastLineDefined, as: Int32.self) == 5)
        #expect(Self.u32(p, h.codeOffset) == layout.codeOffset && Self.u32(p, h.constantsOffset) == layout.constantsOffset)
        #expect(Self.u32(p, h.upvaluesOffset) == layout.upvaluesOffset && Self.u32(p, h.protosOffset) == layout.protosOffset)
        #expect(Self.u32(p, h.lineInfoOffset) == layout.lineInfoOffset && Self.u32(p, h.localsOffset) == layout.localsOffset)
        // A heap prototype's trailer follows its sections: the closure cache, empty.
        #expect(Self.u32(p, h.trailerOffset) == layout.totalSize)
        #expect(p.load(fromByteOffset: layout.totalSize + SoftTrailerLayout.closureCache, as: UInt.self) == 0)
        #expect(resolve(p + h.source).map { LuaString($0).array } == Array("@layout.lua".utf8))
        for (i, ins) in f.code.enumerated() {
            #expect(p.load(fromByteOffset: layout.codeOffset + ProtoLayout.instructionSize * i, as: UInt32.self) == ins)
        }
        for (i, line) in f.lineInfo.enumerated() {
            #expect(p.load(fromByteOffset: layout.lineInfoOffset + ProtoLayout.lineInfoSize * i, as: Int32.self) == line)
        }
        // The string constant: tag in its slot, payload a reference from the slot to the string.
        let k = try #require(f.constants.firstIndex { if case .string = $0 { true } else { false } })
        let slot = p + layout.constantsOffset + ProtoLayout.Constant.size * k
        #expect(slot.load(fromByteOffset: ProtoLayout.Constant.tag, as: UInt8.self) == ValueTag.shortString.rawValue)
        #expect(resolve(slot + ProtoLayout.Constant.payload).map { LuaString($0).array } == Array("text".utf8))
        // The upvalue `up`, a local of the enclosing function.
        let u = p + layout.upvaluesOffset
        #expect(resolve(u + ProtoLayout.UpvalueDescriptor.name).map { LuaString($0).array } == f.upvalues[0].name)
        #expect(u.load(fromByteOffset: ProtoLayout.UpvalueDescriptor.inStack, as: UInt8.self) == (f.upvalues[0].inStack ? 1 : 0))
        #expect(u.load(fromByteOffset: ProtoLayout.UpvalueDescriptor.index, as: UInt8.self) == f.upvalues[0].index)
        #expect(resolve(p + layout.protosOffset) == proto.child(0).raw)
        let l = p + layout.localsOffset
        #expect(resolve(l + ProtoLayout.Local.name).map { LuaString($0).array } == f.localVariables[0].name)
        #expect(l.load(fromByteOffset: ProtoLayout.Local.startPC, as: Int32.self) == f.localVariables[0].startPC)
        #expect(l.load(fromByteOffset: ProtoLayout.Local.endPC, as: Int32.self) == f.localVariables[0].endPC)
    }

    @Test func closuresAndUserdataHoldTheirFieldsAtTheirOffsets() throws {
        let L = try LuaState(bare: Int.max)
        let proto = try L.newProto(try compile(Array("return 1".utf8), chunkName: Array("=x".utf8)))
        let closure = try L.newLuaClosure(proto, upvalues: 2)
        #expect(closure.raw.load(fromByteOffset: LuaClosureLayout.proto, as: UnsafeMutableRawPointer.self) == proto.raw)
        #expect(closure.raw.load(fromByteOffset: ObjectHeaderLayout.extra, as: UInt8.self) == 2)
        #expect(closure.upvalues == (closure.raw + LuaClosureLayout.upvalues).assumingMemoryBound(to: UnsafeMutableRawPointer.self))
        let native = try L.newNativeClosure({ _ in 0 }, upvalues: 1)
        native.upvalues[0] = Value(Int64(7))
        #expect((native.raw + NativeClosureLayout.upvalues).assumingMemoryBound(to: Value.self).pointee.integer == 7)
        let u = try L.newUserdata(length: 24)
        #expect(u.raw.load(fromByteOffset: UserdataLayout.length, as: Int.self) == 24)
        #expect(u.raw.load(fromByteOffset: UserdataLayout.metatable, as: UInt64.self) == 0)
        #expect(u.data == u.raw + UserdataLayout.data)
        #expect(Int(u.raw.header.pointee.size) == L.heapModel.bytes(.userdata(length: 24)))
    }

    // MARK: Images ImageBuilder writes

    @Test func anImageHeaderReadsBackAtItsOffsets() throws {
        var builder = ImageBuilder()
        builder.seed = 0x1234_5678
        builder.buildTime = 1_700_000_000
        builder.strip = true
        try builder.addModule(name: Array("m".utf8), try compile(Array("return 42".utf8), chunkName: Array("@m.lua".utf8)))
        try builder.addResource(name: Array("r".utf8), bytes: Array("resource".utf8))
        let bytes = try builder.build()
        try bytes.withUnsafeBytes { raw in
            let b = raw.baseAddress!
            let h = ImageHeader.self
            #expect(Array(raw[h.magic..<h.magic + 8]) == ImageFormat.magic)
            #expect(Self.u32(b, h.version) == Int(ImageFormat.version))
            #expect(Self.u32(b, h.headerSize) == h.size && Self.u32(b, h.imageSize) == bytes.count)
            #expect(Self.u32(b, h.checksum) == Int(imageChecksum(raw)))
            #expect(Self.u32(b, h.seed) == 0x1234_5678 && Self.u32(b, h.flags) == Int(ImageFormat.strippedFlag))
            #expect(b.loadUnaligned(fromByteOffset: h.buildTime, as: Int64.self) == 1_700_000_000)
            #expect(Self.u32(b, h.moduleCount) == 1 && Self.u32(b, h.resourceCount) == 1)
            #expect(raw[(h.stringBucketCount + 4)..<h.size].allSatisfy { $0 == 0 })
            // The sections follow one another as ImageFormat's picture shows.
            let strings = Self.u32(b, h.stringsOffset)
            let protos = Self.u32(b, h.protosOffset)
            let entries = Self.u32(b, h.entriesOffset)
            let entryBuckets = Self.u32(b, h.entryBucketsOffset)
            let stringBuckets = Self.u32(b, h.stringBucketsOffset)
            #expect(strings == h.size && protos == strings + Self.u32(b, h.stringsSize))
            #expect(entries == protos + Self.u32(b, h.protosSize) && entryBuckets == entries + 2 * EntryRecord.size)
            #expect(stringBuckets == entryBuckets + EntryRecord.bucketSize * Self.u32(b, h.entryBucketCount))
            #expect(ImageFormat.align(stringBuckets + EntryRecord.bucketSize * Self.u32(b, h.stringBucketCount)) == bytes.count)
            // Every string's byte count (header) says where the next one starts.
            var at = strings
            var count = 0
            while at < protos {
                #expect(b.load(fromByteOffset: at + ObjectHeaderLayout.marks, as: UInt8.self) == ObjectMarks.readOnly)
                #expect(Self.u32(b, at + ObjectHeaderLayout.byteCount) == StringLayout.size(length: Self.u32(b, at + StringLayout.length)))
                at += ImageFormat.align(Self.u32(b, at + ObjectHeaderLayout.byteCount))
                count += 1
            }
            #expect(at == protos && count == Self.u32(b, h.stringCount))
            // The module's entry, then the resource's.
            func name(_ record: Int) -> [UInt8] {
                LuaString(UnsafeMutableRawPointer(mutating: b + Self.u32(b, record + EntryRecord.name))).array
            }
            #expect(name(entries) == Array("m".utf8) && Self.u32(b, entries + EntryRecord.kind) == Int(EntryRecord.moduleKind))
            #expect(Self.u32(b, entries + EntryRecord.target) == protos && Self.u32(b, entries + EntryRecord.bytes) == entries - protos)
            let resource = entries + EntryRecord.size
            #expect(name(resource) == Array("r".utf8) && Self.u32(b, resource + EntryRecord.kind) == Int(EntryRecord.resourceKind))
            #expect(Self.u32(b, resource + EntryRecord.bytes) == "resource".utf8.count)
            let target = UnsafeMutableRawPointer(mutating: b + Self.u32(b, resource + EntryRecord.target))
            #expect(LuaString(target).array == Array("resource".utf8))
            // The module's prototype: an image object with no soft state, its section offsets stored.
            let p = b + protos
            #expect(b.load(fromByteOffset: protos + ObjectHeaderLayout.tag, as: UInt8.self) == ValueTag.proto.rawValue)
            #expect(p.load(fromByteOffset: ProtoLayout.Header.softFlags, as: UInt8.self) == 0)
            #expect(Self.u32(p, ProtoLayout.Header.trailerOffset) == 0)
            #expect(Self.u32(p, ProtoLayout.Header.codeOffset) == ProtoLayout.Header.size)
            #expect(p.load(fromByteOffset: ProtoLayout.Header.source, as: Int64.self) == 0)  // stripped
        }
    }

    // MARK: Soft trailers softmodule writes

    @Test func softTrailersHoldWhatSoftmoduleWrote() throws {
        let files = SoftmoduleTests.Files([
            "probe.lua": "local M = {} function M.f(x) return check(x) end return M"
        ])
        let L = try LuaState(heapLimit: 1 << 22, host: files.host)
        L.writeOutput = { _ in }
        var seenFlushed = false
        try L.register(
            L.globals,
            [
                (
                    "check",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // While M.f runs, its closure holds the loaded (flushed) code, whose trailer
                        // points back at the stub.
                        let m = L.rawGet(L.globals, Value(try L.newString("M"))).table
                        let code = m.get(shortString: try L.newString("f"))!.pointee.luaClosure.proto
                        let t = code.trailer
                        seenFlushed =
                            code.raw.load(fromByteOffset: ProtoLayout.Header.softFlags, as: UInt8.self) == SoftFlags.flushed
                            && Int(code.raw.load(fromByteOffset: ProtoLayout.Header.trailerOffset, as: UInt32.self))
                                == ProtoLayout(code.functionDescription()).totalSize
                            && Proto(t.load(fromByteOffset: SoftTrailerLayout.Flushed.stub, as: UnsafeMutableRawPointer.self)).softFlags
                                == SoftFlags.stub
                        return 0
                    }
                )
            ])
        try L.run(
            """
            package.path = "?.lua"
            local sm = require "softmodule"
            M = require "probe"
            sm.injectFlushedCall("probe", "f", true)
            """)
        let m = L.rawGet(L.globals, Value(try L.newString("M"))).table
        let stub = m.get(shortString: try L.newString("f"))!.pointee.luaClosure.proto
        let p = UnsafeRawPointer(stub.raw)
        let h = ProtoLayout.Header.self
        #expect(p.load(fromByteOffset: h.softFlags, as: UInt8.self) == SoftFlags.stub)
        #expect(p.load(fromByteOffset: h.numParams, as: UInt8.self) == 1 && Self.u32(p, h.codeCount) == 0)
        let sections = ProtoLayout(codeCount: 0, constantCount: 0, upvalueCount: 0, protoCount: 0, lineInfoCount: 0, localCount: 0)
        #expect(Self.u32(p, h.trailerOffset) == sections.totalSize)
        #expect(Self.u32(p, ObjectHeaderLayout.byteCount) == sections.totalSize + SoftTrailerLayout.Stub.size)
        let t = p + Self.u32(p, h.trailerOffset)
        let s = SoftTrailerLayout.Stub.self
        #expect(LuaString(t.load(fromByteOffset: s.moduleBase, as: UnsafeMutableRawPointer.self)).swiftString == "probe")
        #expect(LuaString(t.load(fromByteOffset: s.functionName, as: UnsafeMutableRawPointer.self)).swiftString == "f")
        #expect(t.load(fromByteOffset: s.activeFrames, as: Int32.self) == 0)
        let code = try #require(files.contents["probe.f.lc"])
        #expect(t.load(fromByteOffset: s.codeChecksum, as: UInt32.self) == code.withUnsafeBytes { crc32($0) })
        #expect(t.load(fromByteOffset: s.mode, as: UInt8.self) == SoftMode.flushed.rawValue)
        #expect(stub.codePath == "probe.f.lc")
        _ = try L.run("return M.f(3)")
        #expect(seenFlushed)
    }
}
