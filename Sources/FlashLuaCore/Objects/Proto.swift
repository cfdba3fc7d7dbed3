import FlashLuaBytecode

/// A function prototype, laid out as one position-independent block so the same reader works on
/// the heap and in a read-only image mapped at any address. Every reference inside is
/// self-relative (target = address of the field + stored Int64; 0 = none).
///
///     0 header (16)          16 numParams u8, isVararg u8, maxStack u8, pad
///    20 codeCount u32        24 constantCount u32    28 upvalueCount u32   32 protoCount u32
///    36 lineInfoCount u32    40 localCount u32       44 lineDefined i32    48 lastLineDefined i32
///    52 codeOffset u32       56 constantsOffset u32  60 upvaluesOffset u32 64 protosOffset u32
///    68 lineInfoOffset u32   72 localsOffset u32     76 pad                80 source rel i64
///    88 sections: code (u32 each), constants (16: payload u64, tag u8; strings: payload = rel
///       offset from the constant slot), upvalues (16: name rel i64, inStack u8, index u8),
///       protos (rel i64 each), lineInfo (i32 each), locals (16: name rel i64, startPC, endPC i32)
package struct Proto: Equatable {
    package let raw: UnsafeMutableRawPointer
    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
    package static let headerSize = 88

    @inline(__always) package var numParams: Int { Int(raw.load(fromByteOffset: 16, as: UInt8.self)) }
    @inline(__always) package var isVararg: Bool { raw.load(fromByteOffset: 17, as: UInt8.self) != 0 }
    @inline(__always) package var maxStackSize: Int { Int(raw.load(fromByteOffset: 18, as: UInt8.self)) }
    @inline(__always) package var codeCount: Int { Int(raw.load(fromByteOffset: 20, as: UInt32.self)) }
    @inline(__always) package var constantCount: Int { Int(raw.load(fromByteOffset: 24, as: UInt32.self)) }
    @inline(__always) package var upvalueCount: Int { Int(raw.load(fromByteOffset: 28, as: UInt32.self)) }
    @inline(__always) package var protoCount: Int { Int(raw.load(fromByteOffset: 32, as: UInt32.self)) }
    @inline(__always) package var lineInfoCount: Int { Int(raw.load(fromByteOffset: 36, as: UInt32.self)) }
    @inline(__always) package var localCount: Int { Int(raw.load(fromByteOffset: 40, as: UInt32.self)) }
    @inline(__always) package var lineDefined: Int { Int(raw.load(fromByteOffset: 44, as: Int32.self)) }
    @inline(__always) package var lastLineDefined: Int { Int(raw.load(fromByteOffset: 48, as: Int32.self)) }
    package var code: UnsafePointer<UInt32> {
        UnsafePointer((raw + Int(raw.load(fromByteOffset: 52, as: UInt32.self))).assumingMemoryBound(to: UInt32.self))
    }
    package var constants: UnsafePointer<Value> {
        UnsafePointer((raw + Int(raw.load(fromByteOffset: 56, as: UInt32.self))).assumingMemoryBound(to: Value.self))
    }
    @inline(__always) package var upvalueDescriptors: UnsafeRawPointer {
        UnsafeRawPointer(raw + Int(raw.load(fromByteOffset: 60, as: UInt32.self)))
    }
    @inline(__always) package var protoReferences: UnsafeRawPointer { UnsafeRawPointer(raw + Int(raw.load(fromByteOffset: 64, as: UInt32.self))) }
    package var lineInfo: UnsafePointer<Int32> {
        UnsafePointer((raw + Int(raw.load(fromByteOffset: 68, as: UInt32.self))).assumingMemoryBound(to: Int32.self))
    }
    @inline(__always) package var localsBase: UnsafeRawPointer { UnsafeRawPointer(raw + Int(raw.load(fromByteOffset: 72, as: UInt32.self))) }
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

    @inline(__always) package func child(_ i: Int) -> Proto { Proto(resolve(protoReferences + 8 * i)!) }
    @inline(__always) package var source: LuaString? { resolve(UnsafeRawPointer(raw + 80)).map(LuaString.init) }
    @inline(__always) package func upvalueName(_ i: Int) -> LuaString? { resolve(upvalueDescriptors + 16 * i).map(LuaString.init) }
    @inline(__always) package func upvalueInStack(_ i: Int) -> Bool { upvalueDescriptors.load(fromByteOffset: 16 * i + 8, as: UInt8.self) != 0 }
    @inline(__always) package func upvalueIndex(_ i: Int) -> Int { Int(upvalueDescriptors.load(fromByteOffset: 16 * i + 9, as: UInt8.self)) }
    @inline(__always) package func localName(_ i: Int) -> LuaString? { resolve(localsBase + 16 * i).map(LuaString.init) }
    @inline(__always) package func localStart(_ i: Int) -> Int { Int(localsBase.load(fromByteOffset: 16 * i + 8, as: Int32.self)) }
    @inline(__always) package func localEnd(_ i: Int) -> Int { Int(localsBase.load(fromByteOffset: 16 * i + 12, as: Int32.self)) }
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

/// Byte layout of a prototype's block, shared by the heap builder and the LFS image writer.
package struct ProtoLayout {
    package var codeOffset = 0, constantsOffset = 0, upvaluesOffset = 0, protosOffset = 0
    package var lineInfoOffset = 0, localsOffset = 0, totalSize = 0

    package init(_ f: FunctionDescription) {
        self.init(
            codeCount: f.code.count, constantCount: f.constants.count, upvalueCount: f.upvalues.count,
            protoCount: f.protos.count, lineInfoCount: f.lineInfo.count, localCount: f.localVariables.count)
    }

    /// The layout for these section sizes (the image verifier recomputes a stored prototype's).
    package init(codeCount: Int, constantCount: Int, upvalueCount: Int, protoCount: Int, lineInfoCount: Int, localCount: Int) {
        @inline(__always) func align8(_ x: Int) -> Int { (x + 7) & ~7 }
        var o = Proto.headerSize
        codeOffset = o
        o = align8(o + 4 * codeCount)
        constantsOffset = o
        o += 16 * constantCount
        upvaluesOffset = o
        o += 16 * upvalueCount
        protosOffset = o
        o += 8 * protoCount
        lineInfoOffset = o
        o = align8(o + 4 * lineInfoCount)
        localsOffset = o
        o += 16 * localCount
        totalSize = o
    }

    /// Fills the fixed header and the scalar sections of a prototype block; the caller has
    /// written the 16-byte object header. `string` and `child` give addresses of referenced objects.
    package func write(
        _ f: FunctionDescription, at p: UnsafeMutableRawPointer,
        string: ([UInt8]) throws(LuaError) -> UnsafeRawPointer,
        child: (Int) throws(LuaError) -> UnsafeRawPointer
    ) throws(LuaError) {
        p.storeBytes(of: f.numParams, toByteOffset: 16, as: UInt8.self)
        p.storeBytes(of: f.isVararg ? 1 : 0, toByteOffset: 17, as: UInt8.self)
        p.storeBytes(of: f.maxStackSize, toByteOffset: 18, as: UInt8.self)
        p.storeBytes(of: 0, toByteOffset: 19, as: UInt8.self)
        p.storeBytes(of: UInt32(f.code.count), toByteOffset: 20, as: UInt32.self)
        p.storeBytes(of: UInt32(f.constants.count), toByteOffset: 24, as: UInt32.self)
        p.storeBytes(of: UInt32(f.upvalues.count), toByteOffset: 28, as: UInt32.self)
        p.storeBytes(of: UInt32(f.protos.count), toByteOffset: 32, as: UInt32.self)
        p.storeBytes(of: UInt32(f.lineInfo.count), toByteOffset: 36, as: UInt32.self)
        p.storeBytes(of: UInt32(f.localVariables.count), toByteOffset: 40, as: UInt32.self)
        p.storeBytes(of: f.lineDefined, toByteOffset: 44, as: Int32.self)
        p.storeBytes(of: f.lastLineDefined, toByteOffset: 48, as: Int32.self)
        p.storeBytes(of: UInt32(codeOffset), toByteOffset: 52, as: UInt32.self)
        p.storeBytes(of: UInt32(constantsOffset), toByteOffset: 56, as: UInt32.self)
        p.storeBytes(of: UInt32(upvaluesOffset), toByteOffset: 60, as: UInt32.self)
        p.storeBytes(of: UInt32(protosOffset), toByteOffset: 64, as: UInt32.self)
        p.storeBytes(of: UInt32(lineInfoOffset), toByteOffset: 68, as: UInt32.self)
        p.storeBytes(of: UInt32(localsOffset), toByteOffset: 72, as: UInt32.self)
        p.storeBytes(of: UInt32(0), toByteOffset: 76, as: UInt32.self)
        storeReference(try f.source.map { s throws(LuaError) in try string(s) }, at: p + 80)
        for (i, ins) in f.code.enumerated() { p.storeBytes(of: ins, toByteOffset: codeOffset + 4 * i, as: UInt32.self) }
        for (i, k) in f.constants.enumerated() {
            let slot = p + constantsOffset + 16 * i
            slot.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
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
            slot.storeBytes(of: v.payload, as: UInt64.self)
            slot.storeBytes(of: v.tag.rawValue, toByteOffset: 8, as: UInt8.self)
        }
        for (i, u) in f.upvalues.enumerated() {
            let slot = p + upvaluesOffset + 16 * i
            slot.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
            storeReference(try u.name.map { s throws(LuaError) in try string(s) }, at: slot)
            slot.storeBytes(of: u.inStack ? 1 : 0, toByteOffset: 8, as: UInt8.self)
            slot.storeBytes(of: u.index, toByteOffset: 9, as: UInt8.self)
        }
        for i in 0..<f.protos.count {
            storeReference(try child(i), at: p + protosOffset + 8 * i)
        }
        for (i, l) in f.lineInfo.enumerated() { p.storeBytes(of: l, toByteOffset: lineInfoOffset + 4 * i, as: Int32.self) }
        for (i, l) in f.localVariables.enumerated() {
            let slot = p + localsOffset + 16 * i
            storeReference(try string(l.name), at: slot)
            slot.storeBytes(of: l.startPC, toByteOffset: 8, as: Int32.self)
            slot.storeBytes(of: l.endPC, toByteOffset: 12, as: Int32.self)
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
