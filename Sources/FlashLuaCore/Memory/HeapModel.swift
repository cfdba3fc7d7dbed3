import FlashLuaBytecode

/// How the heap counts the bytes of objects against `heapLimit` (docs/HEAP-MODEL.md).
///
/// The model changes only the numbers charged: objects keep FlashLua's own layout in memory.
/// Every charge is a pure function of an object's kind and counts (`bytes(_:)`), the object keeps
/// its charge in `ObjectHeader.size`, and the blocks it owns (table parts, stacks, frames) are
/// charged and refunded by the same function of their counts, so what is added at allocation is
/// exactly what is subtracted when it is freed.
public enum HeapModel: Sendable, Equatable {
    /// FlashLua's own layout on the host (64-bit, 16-byte values, 16-byte object headers): the
    /// bytes the process really allocates for the heap.
    case native
    /// What NodeMCU's Lua 5.3 allocates on an ESP8266 for the same objects (32-bit pointers,
    /// 8-byte TValues of the default build's 32-bit integers and floats, structures packed to 4
    /// bytes), each C allocation costing what the SDK heap takes for it: its size rounded up to 8
    /// bytes plus a 16-byte block header. So a program that fits the budget here fits the same
    /// free heap on the chip.
    case nodeMCU32
}

/// Something the heap charges for, with the counts its size depends on. Objects (with an
/// `ObjectHeader`) and the blocks they own are charged separately, as they are allocated.
package enum HeapItem {
    /// A string object of `length` bytes (short or long).
    case string(length: Int)
    /// A table object without its parts.
    case table
    /// A block of values: a table's array part or a thread's stack.
    case values(count: Int)
    /// A table's hash part.
    case nodes(count: Int)
    case luaClosure(upvalues: Int)
    case upvalue
    /// A native function; without upvalues NodeMCU has it as a light C function (no object).
    case nativeClosure(upvalues: Int)
    case userdata(length: Int)
    /// A thread object without its stack and frames.
    case thread
    /// A block of `count` frames as FlashLua allocates them (segments of `callInfoSegmentSize`).
    case callInfoBlock(count: Int)
    /// A thread's table of segment pointers.
    case callInfoIndex(entries: Int)
    /// Call frames beyond a thread's base frame, each one allocation on the device.
    case frames(count: Int)
    case proto(ProtoShape)
    /// The bucket array of the RAM string table.
    case stringTable(buckets: Int)
}

/// The counts a prototype's size depends on.
package struct ProtoShape {
    package var code = 0, constants = 0, upvalues = 0, protos = 0, lineInfo = 0, locals = 0
    /// Bytes of NodeMCU's packed line information (with its terminating 0), 0 without line info.
    package var packedLineInfo = 0

    package init(code: Int, constants: Int, upvalues: Int, protos: Int, lineInfo: Int, locals: Int, packedLineInfo: Int) {
        self.code = code
        self.constants = constants
        self.upvalues = upvalues
        self.protos = protos
        self.lineInfo = lineInfo
        self.locals = locals
        self.packedLineInfo = packedLineInfo
    }

    package init(_ f: FunctionDescription) {
        self.init(
            code: f.code.count, constants: f.constants.count, upvalues: f.upvalues.count, protos: f.protos.count,
            lineInfo: f.lineInfo.count, locals: f.localVariables.count,
            packedLineInfo: f.lineInfo.withUnsafeBufferPointer { HeapModel.packedLineInfoSize($0) })
    }

    package init(_ p: Proto) {
        self.init(
            code: p.codeCount, constants: p.constantCount, upvalues: p.upvalueCount, protos: p.protoCount,
            lineInfo: p.lineInfoCount, locals: p.localCount,
            packedLineInfo: HeapModel.packedLineInfoSize(UnsafeBufferPointer(start: p.lineInfo, count: p.lineInfoCount)))
    }
}

/// Sizes of NodeMCU's Lua 5.3 structures on the ESP8266 (nodemcu-firmware, app/lua53). The build
/// is 32-bit (4-byte pointers, int and size_t), compiles with `-fpack-struct=4` (docs/lua53.md,
/// "Memory Optimisations"), and without LUA_NUMBER_64BITS uses `int` integers and `float` numbers
/// (luaconf.h), so a `Value` union is 4 bytes.
package enum NodeMCU32 {
    /// lobject.h `TValue`: `Value value_` (4) + `int tt_` (4).
    package static let tvalue = 8
    /// lobject.h `TString`: CommonHeader (`next` 4, `tt` 1, `marked` 1) + `extra` 1 + `shrlen` 1
    /// = 8, `hash` 4, union `lnglen`/`hnext` 4 = 16; `UTString` aligns it to `L_Umaxalign`, which
    /// luaconf.h sets to `size_t` on the ESP, so the bytes start at +16 (lstring.h `sizelstring`).
    package static let tstring = 16
    /// lobject.h `Table`: CommonTable (CommonHeader 6 + `flags` 1 + `lsizenode` 1 + `metatable`
    /// 4) = 12, `sizearray` 4, `array` 4, `node` 4, `lastfree` 4, `gclist` 4 = 32. An empty hash
    /// part is the static `dummynode` (ltable.c), an empty array part NULL: neither is allocated.
    package static let table = 32
    /// lobject.h `Node`: `TValue i_val` 8 + `TKey i_key` (union of `{TValuefields; int next}` 12
    /// and `TValue` 8) 12 = 20.
    package static let node = 20
    /// lobject.h ClosureHeader: CommonHeader 6 + `nupvalues` 1, padded to 8, + `gclist` 4 = 12.
    package static let closureHeader = 12
    /// lfunc.h `sizeLclosure(n)` = sizeof(LClosure) (ClosureHeader 12 + `p` 4 + `upvals[1]` 4 =
    /// 20) + 4 * (n - 1) = 16 + 4n.
    package static func lclosure(upvalues n: Int) -> Int { closureHeader + 4 + 4 * n }
    /// lfunc.h `sizeCclosure(n)` = sizeof(CClosure) (ClosureHeader 12 + `f` 4 + `upvalue[1]` 8
    /// = 24) + 8 * (n - 1) = 16 + 8n. lapi.c pushes a C function without upvalues as a light C
    /// function, a plain TValue: no allocation.
    package static func cclosure(upvalues n: Int) -> Int { n == 0 ? 0 : closureHeader + 4 + tvalue * n }
    /// lfunc.h `UpVal` (not a collectable object in 5.3): `TValue *v` 4, `lu_mem refcount` 4,
    /// union of `{UpVal *next; int touched}` 8 and `TValue value` 8 = 16 (lfunc.c luaM_new).
    package static let upval = 16
    /// lobject.h `Udata`: CommonHeader 6 + `ttuv_` 1, padded to 8, `metatable` 4, `len` 4,
    /// `Value user_` 4 = 20; the bytes follow `UUdata` (lstring.c `sizeludata`).
    package static let udata = 20
    /// lstate.c `LX`: `extra_[LUA_EXTRASPACE]` (luaconf.h: sizeof(void *) = 4) + lstate.h
    /// `lua_State` 120: CommonHeader 6, `nci` 2, `status` 1 padded to 12, `top`, `l_G`, `ci`,
    /// `oldpc`, `stack_last`, `stack`, `openupval`, `gclist`, `twups`, `errorJmp` (10 x 4 = 40)
    /// = 52, `base_ci` 36 = 88, `hook`, `errfunc`, `stacksize`, `basehookcount`, `hookcount`
    /// (5 x 4) = 108, `nny` 2 + `nCcalls` 2 = 112, `hookmask` 4 = 116, `allowhook` 1 -> 120.
    package static let thread = 124
    /// lstate.h `CallInfo`: `func`, `top`, `previous`, `next` (16), union `u` (the C variant: `k`,
    /// `old_errfunc`, `ctx`: 12), `extra` 4, `nresults` 2, `callstatus` 2 = 36. The first frame
    /// (`base_ci`) is inside `lua_State`; lstate.c luaE_extendCI allocates each further one.
    package static let callInfo = 36
    /// lobject.h `Proto` (NodeMCU removed 5.3's `cache` field): CommonHeader 6 + `numparams`,
    /// `is_vararg`, `maxstacksize` = 9, padded to 12, 8 ints (`sizeupvalues` ... `lastlinedefined`)
    /// = 44, 8 pointers (`k`, `code`, `p`, `lineinfo`, `locvars`, `upvalues`, `source`, `gclist`)
    /// = 76.
    package static let proto = 76
    /// llimits.h `Instruction`: unsigned int.
    package static let instruction = 4
    /// lobject.h `Upvaldesc`: `name` 4 + `instack` 1 + `idx` 1, padded to 8.
    package static let upvaldesc = 8
    /// lobject.h `LocVar`: `varname` 4 + `startpc` 4 + `endpc` 4.
    package static let locvar = 12
    /// lstate.h `stringtable.hash`: one `TString *` per bucket (lstring.c luaS_resize).
    package static let bucket = 4

    /// The SDK heap's cost of one allocation of `n` bytes: the size rounded up to 8 plus a
    /// 16-byte block header (measured: consecutive 1024-byte pvPortMalloc blocks lie 1040 bytes
    /// apart, ESP8266_NONOS_SDK issue #155; `node.heap()` deltas of NodeMCU issue #2751 are
    /// reproduced in docs/HEAP-MODEL.md). A zero-byte request allocates nothing (lmem.c).
    package static func heapBlock(_ n: Int) -> Int { n <= 0 ? 0 : ((n + 7) & ~7) + 16 }
}

extension HeapModel {
    /// The bytes charged for `item`.
    @inline(__always) package func bytes(_ item: HeapItem) -> Int {
        switch self {
        case .native: return HeapModel.nativeBytes(item)
        case .nodeMCU32: return HeapModel.nodeMCUBytes(item, allocator: true)
        }
    }

    /// The bytes of the structures alone, without the allocator's rounding and block headers
    /// (the same as `bytes` for the native model).
    package func layoutBytes(_ item: HeapItem) -> Int {
        switch self {
        case .native: return HeapModel.nativeBytes(item)
        case .nodeMCU32: return HeapModel.nodeMCUBytes(item, allocator: false)
        }
    }

    /// FlashLua's own sizes: what `LuaState` allocates (and always charged before models existed).
    package static func nativeBytes(_ item: HeapItem) -> Int {
        switch item {
        case .string(let n): return StringLayout.size(length: n)
        case .table: return MemoryLayout<TableBody>.stride
        case .values(let n): return n * MemoryLayout<Value>.stride
        case .nodes(let n): return n * MemoryLayout<Node>.stride
        case .luaClosure(let n): return LuaClosure.size(upvalues: n)
        case .upvalue: return MemoryLayout<UpvalueBody>.stride
        case .nativeClosure(let n): return NativeClosure.size(upvalues: n)
        case .userdata(let n): return UserdataLayout.size(length: n)
        case .thread: return MemoryLayout<ThreadBody>.stride
        case .callInfoBlock(let n): return n * MemoryLayout<CallInfo>.stride
        case .callInfoIndex(let n): return n * MemoryLayout<UnsafeMutablePointer<CallInfo>>.stride
        case .frames: return 0  // counted in whole segments
        case .proto(let s):
            return ProtoLayout(
                codeCount: s.code, constantCount: s.constants, upvalueCount: s.upvalues, protoCount: s.protos,
                lineInfoCount: s.lineInfo, localCount: s.locals
            ).totalSize
        case .stringTable: return 0  // the host's string table was never counted
        }
    }

    /// NodeMCU's sizes, per C allocation; `allocator` adds the SDK heap's cost of each one.
    package static func nodeMCUBytes(_ item: HeapItem, allocator: Bool) -> Int {
        func block(_ n: Int) -> Int { allocator ? NodeMCU32.heapBlock(n) : n }
        switch item {
        case .string(let n): return block(NodeMCU32.tstring + n + 1)
        case .table: return block(NodeMCU32.table)
        // ltable.c setarrayvector / luaD_reallocstack: one vector of TValues.
        case .values(let n): return block(n * NodeMCU32.tvalue)
        // ltable.c setnodevector: one vector of 2^lsizenode Nodes.
        case .nodes(let n): return block(n * NodeMCU32.node)
        case .luaClosure(let n): return block(NodeMCU32.lclosure(upvalues: n))
        case .upvalue: return block(NodeMCU32.upval)
        case .nativeClosure(let n): return block(NodeMCU32.cclosure(upvalues: n))
        case .userdata(let n): return block(NodeMCU32.udata + n)
        case .thread: return block(NodeMCU32.thread)
        // Frames are charged one by one as a thread first reaches each depth (`.frames`); the
        // segments and their index are FlashLua's bookkeeping, with nothing like it on the device.
        case .callInfoBlock, .callInfoIndex: return 0
        case .frames(let n): return n * block(NodeMCU32.callInfo)
        // lfunc.c luaF_newproto, then one vector each (lundump.c, or lparser.c close_func).
        case .proto(let s):
            return block(NodeMCU32.proto) + block(s.code * NodeMCU32.instruction) + block(s.constants * NodeMCU32.tvalue)
                + block(s.protos * 4) + block(s.packedLineInfo) + block(s.locals * NodeMCU32.locvar)
                + block(s.upvalues * NodeMCU32.upvaldesc)
        case .stringTable(let n): return block(n * NodeMCU32.bucket)
        }
    }

    /// Size of NodeMCU's packed line information for these per-instruction lines, as lcode.c
    /// luaK_addlineinfo builds it: per run of instructions on one line, an optional line delta
    /// (omitted when +1; 1 byte for -63...65, one more byte per further 7 bits) and an
    /// instruction count byte (a run longer than 127 continues after a zero delta byte), then a
    /// terminating 0 (lparser.c close_func). No line information: 0 bytes.
    package static func packedLineInfoSize(_ lines: UnsafeBufferPointer<Int32>) -> Int {
        if lines.isEmpty { return 0 }
        var size = 0
        var lastLine = 0
        var count = 0  // instructions in the current count byte; 0 before the first
        for l in lines {
            let line = Int(l)
            if line == lastLine && count > 0 && count < 127 {
                count += 1
                continue
            }
            if line == lastLine && count > 0 {
                size += 1  // LD:0, then a new count byte
            } else {
                let delta = line - lastLine
                if delta != 1 {
                    var magnitude = delta <= 0 ? -delta : delta - 2
                    size += 1
                    magnitude >>= 6
                    while magnitude > 0 {
                        size += 1
                        magnitude >>= 7
                    }
                }
            }
            size += 1
            count = 1
            lastLine = line
        }
        return size + 1
    }
}

/// Block element types and how the model charges a block of them.
package protocol HeapBlockElement {
    static func heapItem(count: Int) -> HeapItem
}

extension Value: HeapBlockElement {
    package static func heapItem(count: Int) -> HeapItem { .values(count: count) }
}

extension Node: HeapBlockElement {
    package static func heapItem(count: Int) -> HeapItem { .nodes(count: count) }
}

extension CallInfo: HeapBlockElement {
    package static func heapItem(count: Int) -> HeapItem { .callInfoBlock(count: count) }
}

extension UnsafeMutablePointer: HeapBlockElement where Pointee == CallInfo {
    package static func heapItem(count: Int) -> HeapItem { .callInfoIndex(entries: count) }
}

extension LuaState {
    /// The model the heap counts with (`.native` unless set). Setting it re-charges every live
    /// object under the new model, so `totalBytes` and `heapLimit` then speak the new model's
    /// bytes (a device sets `.nodeMCU32`, then its budget: `L.heapLimit = L.totalBytes + budget`).
    public var heapModel: HeapModel {
        get { hot.pointee.heapModel }
        set {
            if newValue == hot.pointee.heapModel { return }
            hot.pointee.heapModel = newValue
            totalBytes = chargeLiveObjects(updatingHeaders: true)
        }
    }

    /// The bytes of one live object as the current model charges it: the object itself, and the
    /// blocks it owns.
    package func charges(of o: UnsafeMutableRawPointer) -> (object: Int, blocks: Int) {
        let model = heapModel
        switch o.header.pointee.tag {
        case .shortString, .longString: return (model.bytes(.string(length: LuaString(o).count)), 0)
        case .table:
            let t = LuaTable(o)
            var blocks = t.arraySize > 0 ? model.bytes(.values(count: t.arraySize)) : 0
            if !t.body.pointee.nodeIsDummy { blocks += model.bytes(.nodes(count: t.nodeCount)) }
            return (model.bytes(.table), blocks)
        case .luaFunction: return (model.bytes(.luaClosure(upvalues: LuaClosure(o).upvalueCount)), 0)
        case .nativeFunction: return (model.bytes(.nativeClosure(upvalues: NativeClosure(o).upvalueCount)), 0)
        case .upvalue: return (model.bytes(.upvalue), 0)
        case .userdata: return (model.bytes(.userdata(length: Userdata(o).length)), 0)
        case .proto:
            let p = Proto(o)
            return (model.bytes(.proto(ProtoShape(p))) + Proto.trailerCharge(softFlags: p.softFlags, model: model), 0)
        case .thread:
            let b = LuaThread(o).body
            let capacity = b.pointee.callInfoCapacity
            let segments = (capacity + callInfoSegmentSize - 1) >> callInfoSegmentShift
            return (
                model.bytes(.thread),
                model.bytes(.values(count: b.pointee.stackSize)) + segments * model.bytes(.callInfoBlock(count: callInfoSegmentSize))
                    + model.bytes(.callInfoIndex(entries: b.pointee.callInfoSegmentTableCapacity))
                    + model.bytes(.frames(count: capacity - 1))
            )
        default: return (Int(o.header.pointee.size), 0)
        }
    }

    /// What the current model charges for everything alive: every object with its blocks, and
    /// the string table. Between operations `totalBytes` equals this (the drift check of
    /// HeapModelTests); `updatingHeaders` also stores each object's charge in its header.
    package func chargeLiveObjects(updatingHeaders: Bool) -> Int {
        var total = 0
        func add(_ o: UnsafeMutableRawPointer) {
            let (object, blocks) = charges(of: o)
            if updatingHeaders { o.header.pointee.size = UInt32(object) }
            total += object + blocks
        }
        var p = allObjects
        while let o = p {
            add(o)
            p = o.header.pointee.next
        }
        p = finalizable
        while let o = p {
            add(o)
            p = o.header.pointee.next
        }
        for o in toBeFinalized { add(o) }
        strings.forEach { s in add(s.raw) }
        if imageClosureCache != nil { total += heapModel.bytes(ClosureCacheEntry.heapItem(count: LuaState.imageClosureCacheCount)) }
        let table = heapModel.bytes(.stringTable(buckets: strings.size))
        if updatingHeaders { hot.pointee.chargedStringTableBytes = table }
        return total + table
    }

    /// The device's string table doubles before a new short string goes in (lstring.c
    /// internshrstr, luaS_resize), and that allocation can fail: make room for it first.
    @inline(__always) package func reserveStringTableGrowth() throws(LuaError) {
        if strings.count >= strings.size && hot.pointee.heapModel != .native {
            try reserve(heapModel.bytes(.stringTable(buckets: strings.size * 2)) - hot.pointee.chargedStringTableBytes)
        }
    }

    /// Charges (or refunds) the difference after the string table's bucket array changed size.
    package func stringTableResized() {
        let charge = heapModel.bytes(.stringTable(buckets: strings.size))
        totalBytes += charge - hot.pointee.chargedStringTableBytes
        hot.pointee.chargedStringTableBytes = charge
    }
}
