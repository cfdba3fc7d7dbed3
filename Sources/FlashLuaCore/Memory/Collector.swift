/// The tracing collector: stop-the-world mark and sweep, run at safe points (when the debt
/// passes the threshold, from allocation-heavy instructions and native returns), or in an
/// emergency when an allocation would pass the heap limit. Image objects (readOnly) are never
/// marked, swept or written. Weak tables and finalizers follow lgc.c's atomic phase.
struct CollectorState {
    var gray: [UnsafeMutableRawPointer] = []
    var weakValues: [LuaTable] = []
    var ephemerons: [LuaTable] = []
    var allWeak: [LuaTable] = []
    /// Traversed heap prototypes with a cached closure (VM/ClosureCache.swift).
    var cachedProtos: [UnsafeMutableRawPointer] = []
    var threadCount = 0
    /// In the atomic phase (lgc.c's GCSinsideatomic): closures no longer touch open upvalues.
    var atomic = false
    /// collectgarbage("step") emulation (CollectorControl.swift): a cycle is under way, the work
    /// paid into it, and what the whole cycle costs (the heap's bytes when it began).
    var stepCycleActive = false
    var stepWork = 0
    var stepCycleCost = 0
}

/// header.flags bits of an upvalue.
enum UpvalueFlags {
    /// lua5.3's `u.open.touched`: set when the open upvalue is made and when a closure using it
    /// is traversed before the atomic phase; an unmarked thread keeps such an upvalue's value
    /// alive for that cycle (remarkupvals).
    static let touched: UInt8 = 1
}

extension LuaState {
    /// Runs a collection if the allocation debt is past the threshold. Call only where every live
    /// value is reachable from the roots (the stacks, the registry).
    @inline(__always) func checkGC() throws(LuaError) {
        if totalBytes >= gcThreshold { try collectIfAllowed() }
    }

    /// `full`: collectgarbage("collect"), which finishes any cycle now.
    func collectIfAllowed(full: Bool = false) throws(LuaError) {
        if gcStopped || gcBlocked > 0 || gcRunning { return }
        // A cycle begun by collectgarbage("step") goes on paying as lua5.3's luaC_step would:
        // the debt (plus a basic step) in work, the full collection once the cycle is paid.
        if !full && collector.pointee.stepCycleActive && !payStepWork(debtWork()) { return }
        fullCollect(emergency: false)
        try runPendingFinalizers()
    }

    // MARK: Mark

    @inline(__always) func markValue(_ v: Value) {
        if v.isObject { markObject(v.object) }
    }

    func markObject(_ p: UnsafeMutableRawPointer) {
        let marks = p.header.pointee.marks
        if marks & (ObjectMarks.marked | ObjectMarks.readOnly) != 0 { return }
        p.header.pointee.marks = marks | ObjectMarks.marked
        switch p.header.pointee.tag {
        case .shortString, .longString: return
        default: collector.pointee.gray.append(p)
        }
    }

    private func propagateAll() {
        while let p = collector.pointee.gray.popLast() { traverse(p) }
    }

    private func traverse(_ p: UnsafeMutableRawPointer) {
        switch p.header.pointee.tag {
        case .table: traverseTable(LuaTable(p))
        case .luaFunction:
            let c = LuaClosure(p)
            markObject(c.proto.raw)
            let ups = (p + LuaClosureLayout.upvalues).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
            let touch = !collector.pointee.atomic
            for i in 0..<c.upvalueCount {
                if let u = ups[i] {
                    if touch { u.header.pointee.flags |= UpvalueFlags.touched }
                    markObject(u)
                }
            }
        case .nativeFunction:
            let c = NativeClosure(p)
            for i in 0..<c.upvalueCount { markValue(c.upvalues[i]) }
        case .upvalue:
            markValue(Upvalue(p).pointer.pointee)
        case .proto: traverseProto(Proto(p))
        case .userdata:
            let u = Userdata(p)
            if let mt = u.metatable { markObject(mt.raw) }
            markValue(u.userValue)
        case .thread: traverseThread(LuaThread(p))
        default: break
        }
    }

    private func traverseProto(_ f: Proto) {
        if f.isReadOnly { return }
        if let s = f.source { markObject(s.raw) }
        for i in 0..<f.constantCount { markValue(f.constant(i)) }
        for i in 0..<f.upvalueCount { if let n = f.upvalueName(i) { markObject(n.raw) } }
        for i in 0..<f.protoCount { markObject(f.child(i).raw) }
        for i in 0..<f.localCount { if let n = f.localName(i) { markObject(n.raw) } }
        // The cache is weak: noted, and emptied before the sweep if its closure is unmarked.
        if f.closureCache != nil { collector.pointee.cachedProtos.append(f.raw) }
        if f.softFlags & SoftFlags.flushed != 0 { markObject(f.stub.raw) }
        if f.softFlags & SoftFlags.stub != 0 {
            markObject(f.moduleBase.raw)
            markObject(f.functionName.raw)
        }
    }

    private func traverseThread(_ t: LuaThread) {
        let top = t.top
        for i in 0..<top { markValue(t.stack[i]) }
        // Clear the dead part so stale pointers never survive a collection.
        let limit = t.body.pointee.stackSize
        var i = top
        while i < limit {
            t.stack[i] = .nil
            i += 1
        }
        var u = t.body.pointee.openUpvalues
        while let up = u {
            markObject(up)
            u = Upvalue(up).body.pointee.openNext
        }
        markValue(t.body.pointee.hookFunction)
    }

    private func weakMode(_ t: LuaTable) -> (keys: Bool, values: Bool) {
        guard let mt = t.metatable, let mode = fastTagMethod(mt, .mode), mode.isString else { return (false, false) }
        var k = false
        var v = false
        for b in mode.string.buffer {
            if b == UInt8(ascii: "k") { k = true }
            if b == UInt8(ascii: "v") { v = true }
        }
        return (k, v)
    }

    private func traverseTable(_ t: LuaTable) {
        if let mt = t.metatable { markObject(mt.raw) }
        let (weakKeys, weakValues) = weakMode(t)
        if weakKeys && weakValues {
            collector.pointee.allWeak.append(t)
            return
        }
        if weakValues {
            for j in 0..<t.nodeCount {
                let n = t.node + j
                if n.pointee.value.tag == .nil { clearDeadKey(n) } else { markValue(n.pointee.key) }
            }
            collector.pointee.weakValues.append(t)
            return
        }
        if weakKeys {
            for i in 0..<t.arraySize { markValue(t.array![i]) }
            _ = markEphemeronValues(t)
            collector.pointee.ephemerons.append(t)
            return
        }
        for i in 0..<t.arraySize { markValue(t.array![i]) }
        for j in 0..<t.nodeCount {
            let n = t.node + j
            if n.pointee.value.tag == .nil {
                clearDeadKey(n)
            } else {
                markValue(n.pointee.key)
                markValue(n.pointee.value)
            }
        }
    }

    /// An empty node keeps its key for `next`, but as a dead key the collector may free.
    private func clearDeadKey(_ n: UnsafeMutablePointer<Node>) {
        if n.pointee.key.isObject { n.pointee.key.tag = .deadKey }
    }

    /// Is this value going away (an unmarked object)? Strings are values: never cleared.
    private func isCleared(_ v: Value) -> Bool {
        guard v.isObject else { return false }
        if v.isString {
            markObject(v.object)
            return false
        }
        return v.object.header.pointee.marks & (ObjectMarks.marked | ObjectMarks.readOnly) == 0
    }

    /// Marks values of entries whose keys are marked; true if anything was marked.
    private func markEphemeronValues(_ t: LuaTable) -> Bool {
        var changed = false
        for j in 0..<t.nodeCount {
            let n = t.node + j
            if n.pointee.value.tag == .nil {
                clearDeadKey(n)
                continue
            }
            if !isCleared(n.pointee.key) {
                let v = n.pointee.value
                if v.isObject && v.object.header.pointee.marks & (ObjectMarks.marked | ObjectMarks.readOnly) == 0 {
                    markObject(v.object)
                    changed = true
                }
            }
        }
        return changed
    }

    private func convergeEphemerons() {
        var changed = true
        while changed {
            changed = false
            for t in collector.pointee.ephemerons where markEphemeronValues(t) {
                propagateAll()
                changed = true
            }
        }
    }

    private func clearValues(_ tables: ArraySlice<LuaTable>) {
        for t in tables {
            for i in 0..<t.arraySize where isCleared(t.array![i]) { t.array![i] = .nil }
            for j in 0..<t.nodeCount {
                let n = t.node + j
                if n.pointee.value.tag != .nil && isCleared(n.pointee.value) {
                    n.pointee.value = .nil
                    clearDeadKey(n)
                }
            }
        }
    }

    private func clearKeys(_ tables: [LuaTable]) {
        for t in tables {
            for j in 0..<t.nodeCount {
                let n = t.node + j
                if n.pointee.value.tag != .nil && isCleared(n.pointee.key) {
                    n.pointee.value = .nil
                    clearDeadKey(n)
                }
            }
        }
    }

    /// `emergency`: the collection was forced by an allocation in the middle of an operation, so
    /// the objects allocated just before it may not be anchored anywhere yet; the recent-allocation
    /// ring keeps them alive. Collections at safe points do not need it (and must not use it, or
    /// garbage made just before `collectgarbage()` would survive).
    private func markRoots(emergency: Bool) {
        markObject(mainThread.raw)
        markObject(current.raw)
        markObject(registry.raw)
        for i in 0..<16 { if let mt = typeMetatables[i] { markObject(mt.raw) } }
        markValue(errorValue)
        for p in toBeFinalized { markObject(p) }
        for r in extraRoots { markValue(r) }
        for (_, r) in references { markValue(r) }
        if emergency {
            for i in 0..<16 { if let o = recentObjects[i] { markObject(o) } }
        }
    }

    // MARK: Collection

    /// A full collection. An emergency one runs no finalizers (they run at the next safe point).
    func fullCollect(emergency: Bool) {
        if gcRunning { return }
        gcRunning = true
        defer { gcRunning = false }
        collector.pointee.gray.removeAll(keepingCapacity: true)
        collector.pointee.weakValues.removeAll(keepingCapacity: true)
        collector.pointee.ephemerons.removeAll(keepingCapacity: true)
        collector.pointee.allWeak.removeAll(keepingCapacity: true)
        collector.pointee.cachedProtos.removeAll(keepingCapacity: true)

        collector.pointee.atomic = false
        collector.pointee.stepCycleActive = false
        markRoots(emergency: emergency)
        propagateAll()
        // lgc.c's atomic phase begins: unmarked threads keep their touched upvalues' values.
        collector.pointee.atomic = true
        if threadCount > 1 { remarkOpenUpvalues() }
        propagateAll()
        convergeEphemerons()
        let originalWeak = collector.pointee.weakValues.count
        let originalAll = collector.pointee.allWeak.count
        clearValues(collector.pointee.weakValues[...])
        clearValues(collector.pointee.allWeak[...])
        separateUnreachedFinalizable()
        propagateAll()
        convergeEphemerons()
        clearKeys(collector.pointee.ephemerons)
        clearKeys(collector.pointee.allWeak)
        clearValues(collector.pointee.weakValues[originalWeak...])
        clearValues(collector.pointee.allWeak[originalAll...])
        clearDeadClosureCaches(collector.pointee.cachedProtos)
        sweep()
        if !emergency { shrinkThreads() }
        if heapBaseline == 0 {
            gcThreshold = max(totalBytes / 100 * gcPause, 16 * 1024)
        } else {
            // A device: the pause measures the program's bytes, so a 44 KB budget above the
            // libraries gets regular collections rather than only emergency ones.
            gcThreshold = heapBaseline + max((totalBytes - heapBaseline) / 100 * gcPause, 1024)
        }
        // The finalizers an emergency collection queued run at the next safe point.
        if emergency && !toBeFinalized.isEmpty { gcThreshold = 0 }
        // Only emergency collections keep recent allocations alive; after any other one the
        // entries may point to freed objects, which a later emergency collection would mark.
        if !emergency {
            for i in 0..<16 { recentObjects[i] = nil }
        }
    }

    /// lgc.c's remarkupvals: for each thread not marked, the values of its open upvalues that
    /// were touched (made, or used by a traversed closure) since the last cycle are marked, and
    /// the upvalues untouched. So a suspended coroutine in a cycle through its own open upvalue
    /// goes in the second collection after it became unreachable, as in lua5.3 (gc.lua: "two
    /// collections are needed to break cycle"), and in the next one in any case.
    private func remarkOpenUpvalues() {
        var p = allObjects
        while let o = p {
            if o.header.pointee.tag == .thread && o.header.pointee.marks & ObjectMarks.marked == 0 {
                var u = LuaThread(o).body.pointee.openUpvalues
                while let up = u {
                    if up.header.pointee.flags & UpvalueFlags.touched != 0 {
                        up.header.pointee.flags &= ~UpvalueFlags.touched
                        markValue(Upvalue(up).pointer.pointee)
                    }
                    u = Upvalue(up).body.pointee.openNext
                }
            }
            p = o.header.pointee.next
        }
    }

    /// Objects with a finalizer that nothing reaches move to the to-be-finalized queue and are
    /// marked again (resurrected) until their finalizer has run.
    private func separateUnreachedFinalizable() {
        var previous: UnsafeMutableRawPointer? = nil
        var p = finalizable
        var found: [UnsafeMutableRawPointer] = []
        while let o = p {
            let next = o.header.pointee.next
            if o.header.pointee.marks & ObjectMarks.marked == 0 {
                if let prev = previous { prev.header.pointee.next = next } else { finalizable = next }
                found.append(o)
            } else {
                previous = o
            }
            p = next
        }
        // The list is newest first and lua5.3 finalizes in list order: the newest object first.
        for o in found {
            o.header.pointee.marks |= ObjectMarks.finalized
            toBeFinalized.append(o)
            markObject(o)
        }
    }

    private func sweep() {
        if threadCount > 1 { closeUpvaluesOfDeadThreads() }
        let buckets = strings.size
        strings.removeDead { o in self.freeObject(o) }
        if strings.size != buckets { stringTableResized() }
        var previous: UnsafeMutableRawPointer? = nil
        var p = allObjects
        while let o = p {
            let next = o.header.pointee.next
            let marks = o.header.pointee.marks
            if marks & (ObjectMarks.marked | ObjectMarks.fixed) == 0 {
                if let prev = previous { prev.header.pointee.next = next } else { allObjects = next }
                freeObject(o)
            } else {
                o.header.pointee.marks = marks & ~ObjectMarks.marked
                previous = o
            }
            p = next
        }
        var f = finalizable
        while let o = f {
            o.header.pointee.marks &= ~ObjectMarks.marked
            f = o.header.pointee.next
        }
        for o in toBeFinalized { o.header.pointee.marks &= ~ObjectMarks.marked }
        strings.forEach { s in s.raw.header.pointee.marks &= ~ObjectMarks.marked }
    }

    private func closeUpvaluesOfDeadThreads() {
        var p = allObjects
        while let o = p {
            if o.header.pointee.tag == .thread && o.header.pointee.marks & ObjectMarks.marked == 0 {
                let t = LuaThread(o)
                closeUpvalues(t, from: 0)
                // A coroutine that died or was abandoned inside a load-and-discard function:
                // its frames end now (before the sweep frees anything, so marks are readable).
                if softFrames > 0 {
                    leaveFlushedFrames(t, above: 0) { $0.header.pointee.marks & ObjectMarks.marked != 0 }
                }
            }
            p = o.header.pointee.next
        }
    }

    func freeObject(_ o: UnsafeMutableRawPointer) {
        let size = Int(o.header.pointee.size)
        switch o.header.pointee.tag {
        case .table:
            let t = LuaTable(o)
            if let a = t.array { freeBlock(a, count: t.arraySize) }
            if !t.body.pointee.nodeIsDummy { freeBlock(t.node, count: t.nodeCount) }
        case .nativeFunction:
            (o + NativeClosureLayout.function).assumingMemoryBound(to: NativeFunction.self).deinitialize(count: 1)
        case .thread:
            threadCount -= 1
            let t = LuaThread(o)
            freeBlock(t.stack, count: t.body.pointee.stackSize)
            let capacity = t.body.pointee.callInfoCapacity
            let segmentCount = (capacity + callInfoSegmentSize - 1) >> callInfoSegmentShift
            for i in 0..<segmentCount { freeBlock(t.body.pointee.callInfoSegments[i], count: callInfoSegmentSize) }
            freeBlock(t.body.pointee.callInfoSegments, count: t.body.pointee.callInfoSegmentTableCapacity)
            totalBytes -= heapModel.bytes(.frames(count: capacity - 1))
        default: break
        }
        totalBytes -= size
        o.deallocate()
    }

    func freeAllObjects() {
        var p = allObjects
        while let o = p {
            p = o.header.pointee.next
            freeObject(o)
        }
        p = finalizable
        while let o = p {
            p = o.header.pointee.next
            freeObject(o)
        }
        for o in toBeFinalized { freeObject(o) }
        toBeFinalized.removeAll()
        allObjects = nil
        finalizable = nil
        var fixed: [UnsafeMutableRawPointer] = []
        strings.forEach { s in fixed.append(s.raw) }
        for o in fixed {
            totalBytes -= Int(o.header.pointee.size)
            o.deallocate()
        }
        strings.deallocate()
    }

    // MARK: Finalizers

    /// Moves an object whose metatable now has __gc to the finalizable list (luaC_checkfinalizer).
    package func checkFinalizer(_ o: UnsafeMutableRawPointer, _ mt: LuaTable?) {
        let marks = o.header.pointee.marks
        if marks & (ObjectMarks.finalizable | ObjectMarks.finalized) != 0 { return }
        guard let mt, fastTagMethod(mt, .gc) != nil else { return }
        // Unlink from allObjects.
        var previous: UnsafeMutableRawPointer? = nil
        var p = allObjects
        while let x = p {
            if x == o {
                if let prev = previous { prev.header.pointee.next = x.header.pointee.next } else { allObjects = x.header.pointee.next }
                break
            }
            previous = x
            p = x.header.pointee.next
        }
        o.header.pointee.marks = marks | ObjectMarks.finalizable
        o.header.pointee.next = finalizable
        finalizable = o
    }

    /// Calls queued finalizers (each in protected mode; the object returns to the normal list).
    func runPendingFinalizers() throws(LuaError) {
        while !toBeFinalized.isEmpty {
            let o = toBeFinalized.removeFirst()
            o.header.pointee.next = allObjects
            allObjects = o
            // Out of the queue and not yet on the stack: growing the stack for the call may run
            // an emergency collection, which must not free it.
            keepRecent(o)
            let v = Value(object: o, tag: o.header.pointee.tag)
            guard let tm = tagMethod(v, .gc), tm.isFunction else { continue }
            let wasStopped = gcStopped
            gcStopped = true
            defer { gcStopped = wasStopped }
            do {
                try callFinalizer(tm, v)
            } catch {
                if error.kind == .yield { continue }
                if error.kind == .restart { throw error }
                var msg: [UInt8] = Array("error in __gc metamethod (".utf8)
                msg += rawToStringBytes(error.value)
                msg += Array(")".utf8)
                throw errorWithMessage(msg)
            }
        }
    }

    /// Runs every finalizer, reachable or not (lua_close).
    func finalizeAll() {
        var p = finalizable
        var all: [UnsafeMutableRawPointer] = []
        while let o = p {
            all.append(o)
            p = o.header.pointee.next
        }
        finalizable = nil
        for o in all { o.header.pointee.marks |= ObjectMarks.finalized }
        toBeFinalized.append(contentsOf: all)
        while !toBeFinalized.isEmpty {
            // Errors while closing are ignored, as lua_close does.
            do { try runPendingFinalizers() } catch {}
        }
    }
}
