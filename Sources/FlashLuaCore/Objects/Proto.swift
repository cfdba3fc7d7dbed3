import FlashLuaBytecode

/// A function prototype, laid out as one position-independent block (`ProtoLayout`) so the same
/// reader works on the heap and in a read-only image mapped at any address.
package struct Proto: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }

    private typealias Header = ProtoLayout.Header
    @inline(__always) private func u8(_ field: Int) -> Int { Int(raw.load(fromByteOffset: field, as: UInt8.self)) }
    @inline(__always) private func u32(_ field: Int) -> Int { Int(raw.load(fromByteOffset: field, as: UInt32.self)) }
    @inline(__always) private func i32(_ field: Int) -> Int { Int(raw.load(fromByteOffset: field, as: Int32.self)) }
    /// The section whose offset (from the block's start) is stored at `field`.
    @inline(__always) private func section(_ field: Int) -> UnsafeMutableRawPointer { raw + u32(field) }

    @inline(__always) package var numParams: Int { u8(Header.numParams) }
    @inline(__always) package var isVararg: Bool { u8(Header.isVararg) != 0 }
    @inline(__always) package var maxStackSize: Int { u8(Header.maxStackSize) }
    @inline(__always) package var codeCount: Int { u32(Header.codeCount) }
    @inline(__always) package var constantCount: Int { u32(Header.constantCount) }
    @inline(__always) package var upvalueCount: Int { u32(Header.upvalueCount) }
    @inline(__always) package var protoCount: Int { u32(Header.protoCount) }
    @inline(__always) package var lineInfoCount: Int { u32(Header.lineInfoCount) }
    @inline(__always) package var localCount: Int { u32(Header.localCount) }
    @inline(__always) package var lineDefined: Int { i32(Header.lineDefined) }
    @inline(__always) package var lastLineDefined: Int { i32(Header.lastLineDefined) }
    package var code: UnsafePointer<UInt32> { UnsafePointer(section(Header.codeOffset).assumingMemoryBound(to: UInt32.self)) }
    package var constants: UnsafePointer<Value> { UnsafePointer(section(Header.constantsOffset).assumingMemoryBound(to: Value.self)) }
    @inline(__always) package var upvalueDescriptors: UnsafeRawPointer { UnsafeRawPointer(section(Header.upvaluesOffset)) }
    @inline(__always) package var protoReferences: UnsafeRawPointer { UnsafeRawPointer(section(Header.protosOffset)) }
    package var lineInfo: UnsafePointer<Int32> { UnsafePointer(section(Header.lineInfoOffset).assumingMemoryBound(to: Int32.self)) }
    @inline(__always) package var localsBase: UnsafeRawPointer { UnsafeRawPointer(section(Header.localsOffset)) }
    @inline(__always) package var isReadOnly: Bool { raw.header.pointee.marks & ObjectMarks.readOnly != 0 }

    /// Constant i as a Value (string constants resolved from their relative offset).
    package func constant(_ i: Int) -> Value {
        let slot = constants + i
        let v = slot.pointee
        if v.tag == .shortString || v.tag == .longString {
            return Value(tag: v.tag, payload: UInt64(Int64(Int(bitPattern: slot)) &+ Int64(bitPattern: v.payload)))
        }
        return v
    }

    @inline(__always) package func child(_ i: Int) -> Proto { Proto(resolve(protoReferences + ProtoLayout.childReferenceSize * i)!) }
    @inline(__always) package var source: LuaString? { resolve(UnsafeRawPointer(raw + Header.source)).map(LuaString.init) }
    @inline(__always) private func upvalueDescriptor(_ i: Int) -> UnsafeRawPointer {
        upvalueDescriptors + ProtoLayout.UpvalueDescriptor.size * i
    }
    @inline(__always) package func upvalueName(_ i: Int) -> LuaString? {
        resolve(upvalueDescriptor(i) + ProtoLayout.UpvalueDescriptor.name).map(LuaString.init)
    }
    @inline(__always) package func upvalueInStack(_ i: Int) -> Bool {
        upvalueDescriptor(i).load(fromByteOffset: ProtoLayout.UpvalueDescriptor.inStack, as: UInt8.self) != 0
    }
    @inline(__always) package func upvalueIndex(_ i: Int) -> Int {
        Int(upvalueDescriptor(i).load(fromByteOffset: ProtoLayout.UpvalueDescriptor.index, as: UInt8.self))
    }
    @inline(__always) private func local(_ i: Int) -> UnsafeRawPointer { localsBase + ProtoLayout.Local.size * i }
    @inline(__always) package func localName(_ i: Int) -> LuaString? { resolve(local(i) + ProtoLayout.Local.name).map(LuaString.init) }
    @inline(__always) package func localStart(_ i: Int) -> Int {
        Int(local(i).load(fromByteOffset: ProtoLayout.Local.startPC, as: Int32.self))
    }
    @inline(__always) package func localEnd(_ i: Int) -> Int { Int(local(i).load(fromByteOffset: ProtoLayout.Local.endPC, as: Int32.self)) }
    @inline(__always) package func line(at pc: Int) -> Int? { pc < lineInfoCount && pc >= 0 ? Int(lineInfo[pc]) : nil }

    /// Name of the n-th (1-based) local active at pc (luaF_getlocalname).
    package func localName(_ n: Int, at pc: Int) -> LuaString? {
        var n = n
        for i in 0..<localCount where localStart(i) <= pc {
            if pc < localEnd(i) {
                n -= 1
                if n == 0 { return localName(i) }
            }
        }
        return nil
    }
}

/// Reads a self-relative reference.
@inline(__always) package func resolve(_ field: UnsafeRawPointer) -> UnsafeMutableRawPointer? {
    let offset = field.loadUnaligned(as: Int64.self)
    if offset == 0 { return nil }
    return UnsafeMutableRawPointer(mutating: field + Int(offset))
}

/// Writes a self-relative reference.
@inline(__always) package func storeReference(_ target: UnsafeRawPointer?, at field: UnsafeMutableRawPointer) {
    let offset: Int64 = target.map { Int64(Int(bitPattern: $0) - Int(bitPattern: UnsafeRawPointer(field))) } ?? 0
    field.storeBytes(of: offset, as: Int64.self)
}

/// Byte layout of a prototype's block, shared by the heap builder and the LFS image writer: the
/// fixed `Header`, then the sections, whose offsets (from the block's start) depend on the
/// counts and are stored in the header. The block is the same on the heap and in an image,
/// except that a heap prototype has a trailer after the sections (`SoftTrailerLayout`: the
/// closure cache, then a soft prototype's state); an image prototype has none (the image
/// verifier insists on zero `softFlags` and `trailerOffset`), so nothing in an image is ever
/// written, and its closure cache is a side table of the state (VM/ClosureCache.swift).
///
///      0 +---------------------------------------------------------------+
///        | object header (ObjectHeaderLayout)                            |
///     16 | numParams u8 | isVararg u8 | maxStackSize u8 | softFlags u8   |
///     20 | codeCount u32 | constantCount u32 | upvalueCount u32          |
///     32 | protoCount u32 | lineInfoCount u32 | localCount u32           |
///     44 | lineDefined i32 | lastLineDefined i32                         |
///     52 | codeOffset u32 | constantsOffset u32 | upvaluesOffset u32     |
///     64 | protosOffset u32 | lineInfoOffset u32 | localsOffset u32      |
///     76 | trailerOffset u32 (heap prototypes: totalSize; 0 in images)   |
///     80 | source: reference i64 to a string                            |
///     88 +---------------------------------------------------------------+  Header.size
///        | code: u32 per instruction                   (then align to 8) |
///        | constants: 16 each (`Constant`: a Value; a string's payload   |
///        |            is a reference from the slot)                      |
///        | upvalue descriptors: 16 each (`UpvalueDescriptor`)            |
///        | child prototypes: reference i64 each                          |
///        | line info: i32 per instruction               (then align to 8)|
///        | locals: 16 each (`Local`)                                     |
///        +---------------------------------------------------------------+  totalSize
///        | heap trailer (heap prototypes only): closureCache ptr, then   |
///        | a stub's or flushed code's soft state (SoftTrailerLayout)     |
///        +---------------------------------------------------------------+  totalSize + Proto.trailerSize
///
/// A reference is self-relative (target = address of the field + stored Int64; 0 = none), so
/// the block works at any address.
package struct ProtoLayout {
    /// The fixed part of every prototype block, object header included.
    package enum Header {
        @inline(__always) package static var numParams: Int { ObjectHeaderLayout.size }
        @inline(__always) package static var isVararg: Int { numParams + MemoryLayout<UInt8>.size }
        @inline(__always) package static var maxStackSize: Int { isVararg + MemoryLayout<UInt8>.size }
        /// Objects/SoftFunction.swift; 0 in every ordinary and every image prototype.
        @inline(__always) package static var softFlags: Int { maxStackSize + MemoryLayout<UInt8>.size }
        @inline(__always) package static var codeCount: Int { softFlags + MemoryLayout<UInt8>.size }
        @inline(__always) package static var constantCount: Int { codeCount + MemoryLayout<UInt32>.size }
        @inline(__always) package static var upvalueCount: Int { constantCount + MemoryLayout<UInt32>.size }
        @inline(__always) package static var protoCount: Int { upvalueCount + MemoryLayout<UInt32>.size }
        @inline(__always) package static var lineInfoCount: Int { protoCount + MemoryLayout<UInt32>.size }
        @inline(__always) package static var localCount: Int { lineInfoCount + MemoryLayout<UInt32>.size }
        @inline(__always) package static var lineDefined: Int { localCount + MemoryLayout<UInt32>.size }
        @inline(__always) package static var lastLineDefined: Int { lineDefined + MemoryLayout<Int32>.size }
        @inline(__always) package static var codeOffset: Int { lastLineDefined + MemoryLayout<Int32>.size }
        @inline(__always) package static var constantsOffset: Int { codeOffset + MemoryLayout<UInt32>.size }
        @inline(__always) package static var upvaluesOffset: Int { constantsOffset + MemoryLayout<UInt32>.size }
        @inline(__always) package static var protosOffset: Int { upvaluesOffset + MemoryLayout<UInt32>.size }
        @inline(__always) package static var lineInfoOffset: Int { protosOffset + MemoryLayout<UInt32>.size }
        @inline(__always) package static var localsOffset: Int { lineInfoOffset + MemoryLayout<UInt32>.size }
        /// Where a heap prototype's trailer starts (Objects/SoftFunction.swift); 0 in an image.
        @inline(__always) package static var trailerOffset: Int { localsOffset + MemoryLayout<UInt32>.size }
        @inline(__always) package static var source: Int { trailerOffset + MemoryLayout<UInt32>.size }
        @inline(__always) package static var size: Int { source + MemoryLayout<Int64>.size }
    }

    /// A constant slot is a `Value`; a string constant's payload is a reference to the string
    /// (relative to the slot), resolved by `Proto.constant`.
    package enum Constant {
        @inline(__always) package static var payload: Int { 0 }
        @inline(__always) package static var tag: Int { payload + MemoryLayout<UInt64>.size }
        @inline(__always) package static var size: Int { MemoryLayout<Value>.stride }
    }

    package enum UpvalueDescriptor {
        /// Reference to the name string (0 when stripped).
        @inline(__always) package static var name: Int { 0 }
        @inline(__always) package static var inStack: Int { name + MemoryLayout<Int64>.size }
        @inline(__always) package static var index: Int { inStack + MemoryLayout<UInt8>.size }
        /// Padded so the next descriptor's name reference stays 8-aligned.
        @inline(__always) package static var size: Int { 16 }
    }

    package enum Local {
        /// Reference to the name string.
        @inline(__always) package static var name: Int { 0 }
        @inline(__always) package static var startPC: Int { name + MemoryLayout<Int64>.size }
        @inline(__always) package static var endPC: Int { startPC + MemoryLayout<Int32>.size }
        @inline(__always) package static var size: Int { endPC + MemoryLayout<Int32>.size }
    }

    @inline(__always) package static var instructionSize: Int { MemoryLayout<UInt32>.size }
    @inline(__always) package static var childReferenceSize: Int { MemoryLayout<Int64>.size }
    @inline(__always) package static var lineInfoSize: Int { MemoryLayout<Int32>.size }
    /// The constants and the locals start 8-aligned (they hold 8-byte fields).
    @inline(__always) package static var sectionAlignment: Int { 8 }

    package var codeOffset = 0, constantsOffset = 0, upvaluesOffset = 0, protosOffset = 0
    package var lineInfoOffset = 0, localsOffset = 0, totalSize = 0

    package init(_ f: FunctionDescription) {
        self.init(
            codeCount: f.code.count, constantCount: f.constants.count, upvalueCount: f.upvalues.count,
            protoCount: f.protos.count, lineInfoCount: f.lineInfo.count, localCount: f.localVariables.count)
    }

    /// The layout for these section sizes (the image verifier recomputes a stored prototype's).
    package init(codeCount: Int, constantCount: Int, upvalueCount: Int, protoCount: Int, lineInfoCount: Int, localCount: Int) {
        @inline(__always) func align(_ x: Int) -> Int { (x + ProtoLayout.sectionAlignment - 1) & ~(ProtoLayout.sectionAlignment - 1) }
        var o = Header.size
        codeOffset = o
        o = align(o + ProtoLayout.instructionSize * codeCount)
        constantsOffset = o
        o += Constant.size * constantCount
        upvaluesOffset = o
        o += UpvalueDescriptor.size * upvalueCount
        protosOffset = o
        o += ProtoLayout.childReferenceSize * protoCount
        lineInfoOffset = o
        o = align(o + ProtoLayout.lineInfoSize * lineInfoCount)
        localsOffset = o
        o += Local.size * localCount
        totalSize = o
    }

    /// Fills the fixed header and the sections of a prototype block; the caller has written the
    /// object header. `string` and `child` give addresses of referenced objects.
    package func write(
        _ f: FunctionDescription, at p: UnsafeMutableRawPointer,
        string: ([UInt8]) throws(LuaError) -> UnsafeRawPointer,
        child: (Int) throws(LuaError) -> UnsafeRawPointer
    ) throws(LuaError) {
        p.storeBytes(of: f.numParams, toByteOffset: Header.numParams, as: UInt8.self)
        p.storeBytes(of: f.isVararg ? 1 : 0, toByteOffset: Header.isVararg, as: UInt8.self)
        p.storeBytes(of: f.maxStackSize, toByteOffset: Header.maxStackSize, as: UInt8.self)
        p.storeBytes(of: 0, toByteOffset: Header.softFlags, as: UInt8.self)
        p.storeBytes(of: UInt32(f.code.count), toByteOffset: Header.codeCount, as: UInt32.self)
        p.storeBytes(of: UInt32(f.constants.count), toByteOffset: Header.constantCount, as: UInt32.self)
        p.storeBytes(of: UInt32(f.upvalues.count), toByteOffset: Header.upvalueCount, as: UInt32.self)
        p.storeBytes(of: UInt32(f.protos.count), toByteOffset: Header.protoCount, as: UInt32.self)
        p.storeBytes(of: UInt32(f.lineInfo.count), toByteOffset: Header.lineInfoCount, as: UInt32.self)
        p.storeBytes(of: UInt32(f.localVariables.count), toByteOffset: Header.localCount, as: UInt32.self)
        p.storeBytes(of: f.lineDefined, toByteOffset: Header.lineDefined, as: Int32.self)
        p.storeBytes(of: f.lastLineDefined, toByteOffset: Header.lastLineDefined, as: Int32.self)
        p.storeBytes(of: UInt32(codeOffset), toByteOffset: Header.codeOffset, as: UInt32.self)
        p.storeBytes(of: UInt32(constantsOffset), toByteOffset: Header.constantsOffset, as: UInt32.self)
        p.storeBytes(of: UInt32(upvaluesOffset), toByteOffset: Header.upvaluesOffset, as: UInt32.self)
        p.storeBytes(of: UInt32(protosOffset), toByteOffset: Header.protosOffset, as: UInt32.self)
        p.storeBytes(of: UInt32(lineInfoOffset), toByteOffset: Header.lineInfoOffset, as: UInt32.self)
        p.storeBytes(of: UInt32(localsOffset), toByteOffset: Header.localsOffset, as: UInt32.self)
        p.storeBytes(of: UInt32(0), toByteOffset: Header.trailerOffset, as: UInt32.self)
        storeReference(try f.source.map { s throws(LuaError) in try string(s) }, at: p + Header.source)
        for (i, ins) in f.code.enumerated() {
            p.storeBytes(of: ins, toByteOffset: codeOffset + ProtoLayout.instructionSize * i, as: UInt32.self)
        }
        for (i, k) in f.constants.enumerated() {
            let slot = p + constantsOffset + Constant.size * i
            slot.initializeMemory(as: UInt8.self, repeating: 0, count: Constant.size)
            let v: Value
            switch k {
            case .nil: v = .nil
            case .boolean(let b): v = Value(b)
            case .integer(let n): v = Value(n)
            case .float(let d): v = Value(d)
            case .string(let s):
                let target = try string(s)
                let rel = Int64(Int(bitPattern: target) - Int(bitPattern: UnsafeRawPointer(slot)))
                let tag: ValueTag = s.count <= LuaString.maxShortLength ? .shortString : .longString
                v = Value(tag: tag, payload: UInt64(bitPattern: rel))
            }
            slot.storeBytes(of: v.payload, toByteOffset: Constant.payload, as: UInt64.self)
            slot.storeBytes(of: v.tag.rawValue, toByteOffset: Constant.tag, as: UInt8.self)
        }
        for (i, u) in f.upvalues.enumerated() {
            let slot = p + upvaluesOffset + UpvalueDescriptor.size * i
            slot.initializeMemory(as: UInt8.self, repeating: 0, count: UpvalueDescriptor.size)
            storeReference(try u.name.map { s throws(LuaError) in try string(s) }, at: slot + UpvalueDescriptor.name)
            slot.storeBytes(of: u.inStack ? 1 : 0, toByteOffset: UpvalueDescriptor.inStack, as: UInt8.self)
            slot.storeBytes(of: u.index, toByteOffset: UpvalueDescriptor.index, as: UInt8.self)
        }
        for i in 0..<f.protos.count {
            storeReference(try child(i), at: p + protosOffset + ProtoLayout.childReferenceSize * i)
        }
        for (i, l) in f.lineInfo.enumerated() {
            p.storeBytes(of: l, toByteOffset: lineInfoOffset + ProtoLayout.lineInfoSize * i, as: Int32.self)
        }
        for (i, l) in f.localVariables.enumerated() {
            let slot = p + localsOffset + Local.size * i
            storeReference(try string(l.name), at: slot + Local.name)
            slot.storeBytes(of: l.startPC, toByteOffset: Local.startPC, as: Int32.self)
            slot.storeBytes(of: l.endPC, toByteOffset: Local.endPC, as: Int32.self)
        }
    }
}

extension Proto {
    /// The compiled-function tree back from a laid-out prototype (string.dump, image building).
    package func functionDescription() -> FunctionDescription {
        var f = FunctionDescription(source: source?.array)
        f.lineDefined = Int32(lineDefined)
        f.lastLineDefined = Int32(lastLineDefined)
        f.numParams = UInt8(numParams)
        f.isVararg = isVararg
        f.maxStackSize = UInt8(maxStackSize)
        f.code = Array(UnsafeBufferPointer(start: code, count: codeCount))
        for i in 0..<constantCount {
            let k = constant(i)
            switch k.tag {
            case .nil: f.constants.append(.nil)
            case .boolean: f.constants.append(.boolean(k.boolean))
            case .integer: f.constants.append(.integer(k.integer))
            case .float: f.constants.append(.float(k.float))
            default: f.constants.append(.string(k.string.array))
            }
        }
        for i in 0..<upvalueCount {
            f.upvalues.append(UpvalueDescription(name: upvalueName(i)?.array, inStack: upvalueInStack(i), index: UInt8(upvalueIndex(i))))
        }
        for i in 0..<protoCount { f.protos.append(child(i).functionDescription()) }
        f.lineInfo = Array(UnsafeBufferPointer(start: lineInfo, count: lineInfoCount))
        for i in 0..<localCount {
            f.localVariables.append(
                LocalVariableDescription(name: localName(i)?.array ?? [], startPC: Int32(localStart(i)), endPC: Int32(localEnd(i))))
        }
        return f
    }
}
