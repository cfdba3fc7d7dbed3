import FlashLuaBytecode

extension FlashImage {
    /// Verifies image bytes that may lie anywhere (read from a file or a flash), through an
    /// aligned copy, as they will lie when mapped.
    public static func check(_ bytes: UnsafeRawBufferPointer) throws(ImageError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: ImageFormat.alignment)
        defer { copy.deallocate() }
        copy.copyMemory(from: bytes)
        _ = try verify(UnsafeRawBufferPointer(copy))
    }

    /// Checks an image completely before anything of it is used: header, checksum, every string
    /// object, every prototype's layout and references, both hash indexes, and every module's code
    /// (the bytecode verifier: registers, constants, upvalues, jumps, children). The VM does no
    /// checks while running, so an image that passes cannot make it read or jump outside itself.
    /// `image` must be 16-byte aligned and exactly the image's bytes.
    public static func verify(_ image: UnsafeRawBufferPointer) throws(ImageError) -> FlashImage {
        guard let base = image.baseAddress, image.count >= ImageHeader.size else {
            throw ImageError("not an LFS image (\(image.count) bytes, too short for a header)")
        }
        guard Int(bitPattern: base) % ImageFormat.alignment == 0 else { throw ImageError("image is not 16-byte aligned in memory") }
        for (i, b) in ImageFormat.magic.enumerated() where base.load(fromByteOffset: ImageHeader.magic + i, as: UInt8.self) != b {
            throw ImageError("not an LFS image (bad signature)")
        }
        let candidate = FlashImage(unchecked: base, size: image.count)
        let version = candidate.u32(ImageHeader.version)
        guard version == ImageFormat.version else {
            throw ImageError("unsupported LFS image format version \(version) (this runtime reads version \(ImageFormat.version))")
        }
        guard candidate.u32(ImageHeader.headerSize) == ImageHeader.size else { throw ImageError("bad header size") }
        let declared = candidate.u32(ImageHeader.imageSize)
        guard declared == image.count else {
            throw ImageError("image is \(image.count) bytes but its header says \(declared) (truncated or padded)")
        }
        let stored = candidate.checksum
        let actual = imageChecksum(image)
        guard stored == actual else { throw ImageError("checksum mismatch (corrupt image)") }
        var checker = ImageChecker(image: candidate)
        try checker.checkLayout()
        try checker.checkStrings()
        try checker.checkPrototypes()
        try checker.checkEntries()
        try checker.checkCode()
        return candidate
    }
}

/// The verifier's state: which offsets hold strings and prototypes, and which prototypes are
/// already someone's child (each may be used once, so the trees stay trees).
private struct ImageChecker {
    package let image: FlashImage
    package var stringsStart = 0, stringsEnd = 0, protosStart = 0, protosEnd = 0
    package var stringAt: [Bool] = []
    package var shortStringCount = 0
    package var protoAt: [Bool] = []
    package var protoUsed: [Bool] = []

    package init(image: FlashImage) { self.image = image }

    package func fail(_ why: String) -> ImageError { ImageError("bad image: \(why)") }

    package mutating func checkLayout() throws(ImageError) {
        let h = image
        stringsStart = h.u32(ImageHeader.stringsOffset)
        stringsEnd = stringsStart + h.u32(ImageHeader.stringsSize)
        protosStart = h.u32(ImageHeader.protosOffset)
        protosEnd = protosStart + h.u32(ImageHeader.protosSize)
        let entries = h.u32(ImageHeader.entriesOffset)
        let entryBuckets = h.u32(ImageHeader.entryBucketsOffset)
        let entryBucketCount = h.u32(ImageHeader.entryBucketCount)
        let stringBuckets = h.u32(ImageHeader.stringBucketsOffset)
        let stringBucketCount = h.u32(ImageHeader.stringBucketCount)
        func isPowerOfTwo(_ n: Int) -> Bool { n >= 2 && n & (n - 1) == 0 }
        guard stringsStart == ImageHeader.size, protosStart == stringsEnd, entries == protosEnd,
            stringsEnd % ImageFormat.alignment == 0, protosEnd % ImageFormat.alignment == 0,
            entryBuckets == entries + EntryRecord.size * h.entryCount,
            isPowerOfTwo(entryBucketCount), entryBucketCount > h.entryCount,
            stringBuckets == entryBuckets + EntryRecord.bucketSize * entryBucketCount, isPowerOfTwo(stringBucketCount),
            ImageFormat.align(stringBuckets + EntryRecord.bucketSize * stringBucketCount) == image.size
        else { throw fail("section table is inconsistent") }
        stringAt = [Bool](repeating: false, count: (stringsEnd - stringsStart) / ImageFormat.alignment + 1)
        protoAt = [Bool](repeating: false, count: (protosEnd - protosStart) / ImageFormat.alignment + 1)
        protoUsed = protoAt
    }

    // MARK: Strings

    package mutating func checkStrings() throws(ImageError) {
        var offset = stringsStart
        var count = 0
        while offset < stringsEnd {
            guard offset + StringLayout.size(length: 0) <= stringsEnd else { throw fail("string object at \(offset) is cut off") }
            let p = image.object(offset)
            let header = p.header.pointee
            let length = Int(p.load(fromByteOffset: StringLayout.length, as: UInt32.self))
            let objectSize = StringLayout.size(length: length)
            guard header.next == nil, header.marks == ObjectMarks.readOnly, header.flags == LuaString.hashedFlag,
                header.extra == 0, p.load(fromByteOffset: StringLayout.hashNext, as: UInt64.self) == 0,
                header.tag == (length <= LuaString.maxShortLength ? .shortString : .longString),
                Int(header.size) == objectSize, objectSize <= stringsEnd - offset,
                p.load(fromByteOffset: StringLayout.bytes + length, as: UInt8.self) == 0
            else { throw fail("string object at \(offset) is malformed") }
            let s = LuaString(p)
            guard s.storedHash == LuaString.computeHash(s.buffer, seed: image.seed) else {
                throw fail("string at \(offset) has a wrong hash")
            }
            stringAt[(offset - stringsStart) / ImageFormat.alignment] = true
            if s.isShort { shortStringCount += 1 }
            count += 1
            offset += ImageFormat.align(objectSize)
        }
        guard offset == stringsEnd, count == image.stringCount else { throw fail("string count does not match") }

        // The ROM string table must hold every short string exactly once and find each one.
        let buckets = image.u32(ImageHeader.stringBucketsOffset)
        var filled = 0
        for i in 0..<image.stringBucketCount {
            let target = image.u32(buckets + EntryRecord.bucketSize * i)
            if target == 0 { continue }
            guard isString(target), LuaString(image.object(target)).isShort else {
                throw fail("string index entry \(i) is not a short string")
            }
            filled += 1
        }
        guard filled == shortStringCount, filled < image.stringBucketCount else { throw fail("string index does not match the strings") }
        offset = stringsStart
        while offset < stringsEnd {
            let s = LuaString(image.object(offset))
            if s.isShort {
                guard image.findString(s.buffer, hash: s.storedHash)?.raw == s.raw else {
                    throw fail("string index misses or duplicates a string")
                }
            }
            offset += ImageFormat.align(Int(s.raw.header.pointee.size))
        }
    }

    package func isString(_ offset: Int) -> Bool {
        offset >= stringsStart && offset < stringsEnd && (offset - stringsStart) % ImageFormat.alignment == 0
            && stringAt[(offset - stringsStart) / ImageFormat.alignment]
    }

    package func isProto(_ offset: Int) -> Bool {
        offset >= protosStart && offset < protosEnd && (offset - protosStart) % ImageFormat.alignment == 0
            && protoAt[(offset - protosStart) / ImageFormat.alignment]
    }

    /// A self-relative reference field: nil, or the offset (in the image) of a string object.
    package func stringReference(_ field: UnsafeRawPointer, optional: Bool) throws(ImageError) {
        let rel = Int(field.loadUnaligned(as: Int64.self))
        if rel == 0 {
            if optional { return }
            throw fail("missing string reference")
        }
        let (target, overflow) = (Int(bitPattern: field) - Int(bitPattern: image.base)).addingReportingOverflow(rel)
        guard !overflow, isString(target) else { throw fail("string reference does not point to a string object") }
    }

    // MARK: Prototypes

    package mutating func checkPrototypes() throws(ImageError) {
        var offset = protosStart
        while offset < protosEnd {
            guard offset + ProtoLayout.Header.size <= protosEnd else { throw fail("prototype at \(offset) is cut off") }
            let p = image.object(offset)
            let header = p.header.pointee
            guard header.next == nil, header.tag == .proto, header.marks == ObjectMarks.readOnly, header.flags == 0, header.extra == 0
            else { throw fail("prototype at \(offset) has a bad object header") }
            let proto = Proto(p)
            let layout = ProtoLayout(
                codeCount: proto.codeCount, constantCount: proto.constantCount, upvalueCount: proto.upvalueCount,
                protoCount: proto.protoCount, lineInfoCount: proto.lineInfoCount, localCount: proto.localCount)
            func stored(_ at: Int) -> Int { Int(p.load(fromByteOffset: at, as: UInt32.self)) }
            let h = ProtoLayout.Header.self
            guard Int(header.size) == layout.totalSize, layout.totalSize <= protosEnd - offset,
                stored(h.codeOffset) == layout.codeOffset, stored(h.constantsOffset) == layout.constantsOffset,
                stored(h.upvaluesOffset) == layout.upvaluesOffset, stored(h.protosOffset) == layout.protosOffset,
                stored(h.lineInfoOffset) == layout.lineInfoOffset, stored(h.localsOffset) == layout.localsOffset,
                proto.upvalueCount <= 255, proto.softFlags == 0, stored(h.trailerOffset) == 0
            else { throw fail("prototype at \(offset) has an inconsistent layout") }
            try checkReferences(proto, at: offset)
            protoAt[(offset - protosStart) / ImageFormat.alignment] = true
            offset += ImageFormat.align(layout.totalSize)
        }
        guard offset == protosEnd else { throw fail("prototype area does not end on a prototype") }
    }

    /// Constants, names and children of one prototype; children must lie before it (so trees
    /// cannot loop) and belong to no other parent.
    package mutating func checkReferences(_ proto: Proto, at offset: Int) throws(ImageError) {
        try stringReference(proto.raw + ProtoLayout.Header.source, optional: true)
        for i in 0..<proto.constantCount {
            let slot = UnsafeRawPointer(proto.constants + i)
            let payload = slot.load(fromByteOffset: ProtoLayout.Constant.payload, as: UInt64.self)
            switch ValueTag(rawValue: slot.load(fromByteOffset: ProtoLayout.Constant.tag, as: UInt8.self)) {
            case .nil?: guard payload == 0 else { throw fail("bad nil constant") }
            case .boolean?: guard payload <= 1 else { throw fail("bad boolean constant") }
            case .integer?, .float?: break
            case let tag? where tag == .shortString || tag == .longString:
                try stringReference(slot, optional: false)
                let target = Int(bitPattern: slot) - Int(bitPattern: image.base) + Int(Int64(bitPattern: payload))
                guard image.object(target).header.pointee.tag == tag else { throw fail("string constant has the wrong kind") }
            default: throw fail("constant of an unknown type in prototype at \(offset)")
            }
        }
        for i in 0..<proto.upvalueCount {
            let descriptor = proto.upvalueDescriptors + ProtoLayout.UpvalueDescriptor.size * i
            try stringReference(descriptor + ProtoLayout.UpvalueDescriptor.name, optional: true)
            guard descriptor.load(fromByteOffset: ProtoLayout.UpvalueDescriptor.inStack, as: UInt8.self) <= 1 else {
                throw fail("bad upvalue descriptor")
            }
        }
        for i in 0..<proto.localCount {
            try stringReference(proto.localsBase + ProtoLayout.Local.size * i + ProtoLayout.Local.name, optional: true)
        }
        for i in 0..<proto.protoCount {
            let field = proto.protoReferences + ProtoLayout.childReferenceSize * i
            let (target, overflow) = (Int(bitPattern: field) - Int(bitPattern: image.base)).addingReportingOverflow(
                Int(field.loadUnaligned(as: Int64.self)))
            guard !overflow, target < offset, isProto(target) else { throw fail("child reference of prototype at \(offset) is invalid") }
            let slot = (target - protosStart) / ImageFormat.alignment
            guard !protoUsed[slot] else { throw fail("prototype at \(target) has two parents") }
            protoUsed[slot] = true
        }
    }

    // MARK: Entries

    package mutating func checkEntries() throws(ImageError) {
        let records = image.u32(ImageHeader.entriesOffset)
        for i in 0..<image.entryCount {
            let record = records + EntryRecord.size * i
            let name = image.u32(record + EntryRecord.name)
            let target = image.u32(record + EntryRecord.target)
            let kind = UInt32(image.u32(record + EntryRecord.kind))
            let bytes = image.u32(record + EntryRecord.bytes)
            guard isString(name) else { throw fail("entry \(i + 1) has no name") }
            if i < image.moduleCount {
                guard kind == EntryRecord.moduleKind, isProto(target), bytes <= protosEnd - protosStart else {
                    throw fail("module entry \(i + 1) is invalid")
                }
                let slot = (target - protosStart) / ImageFormat.alignment
                guard !protoUsed[slot] else { throw fail("module entry \(i + 1) shares its prototype") }
                protoUsed[slot] = true
            } else {
                guard kind == EntryRecord.resourceKind, isString(target), bytes == LuaString(image.object(target)).count else {
                    throw fail("resource entry \(i + 1) is invalid")
                }
            }
        }
        let buckets = image.u32(ImageHeader.entryBucketsOffset)
        var filled = 0
        for i in 0..<image.u32(ImageHeader.entryBucketCount) {
            let index = image.u32(buckets + EntryRecord.bucketSize * i)
            if index == 0 { continue }
            guard index <= image.entryCount else { throw fail("entry index bucket \(i) is out of range") }
            filled += 1
        }
        guard filled == image.entryCount else { throw fail("entry index does not match the entries") }
        for i in 0..<image.entryCount {
            let e = image.entry(i)
            guard let found = image.find(e.name, module: e.isModule), found.target == e.target else {
                throw fail("entry index misses or duplicates '\(String(decoding: e.name, as: UTF8.self))'")
            }
        }
    }

    // MARK: Code

    /// Every module's function tree through the bytecode verifier (the structure is sound by now).
    package func checkCode() throws(ImageError) {
        for i in 0..<image.moduleCount {
            let e = image.entry(i)
            do {
                try Verifier.verify(Proto(e.target).functionDescription(), name: Array(e.name))
            } catch {
                throw ImageError(String(decoding: error.message, as: UTF8.self))
            }
        }
    }
}
