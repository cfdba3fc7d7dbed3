/// After a collection at a safe point, threads give back the value stack and the frames their
/// deepest call needed and they no longer use (lua5.3's luaD_shrinkstack and luaE_shrinkCI at
/// each collection): a recursion 50 calls deep otherwise holds kilobytes of a 44 KB heap for
/// good. Only at safe points, where every holder of a stack address takes it again afterwards
/// (as after a finalizer, which may grow the stack); never in an emergency collection, which can
/// run in the middle of an operation. Threads that resumed the running one are left alone: their
/// Swift frames are waiting inside `resume`.
extension LuaState {
    func shrinkThreads() {
        var resumers: [UnsafeMutableRawPointer] = []
        var r = current.body.pointee.resumer
        while let thread = r {
            resumers.append(thread)
            r = LuaThread(thread).body.pointee.resumer
        }
        var p = allObjects
        while let o = p {
            if o.header.pointee.tag == .thread && !resumers.contains(o) { shrink(LuaThread(o)) }
            p = o.header.pointee.next
        }
    }

    /// The value stack down to what its frames use plus an eighth and 10 slots (luaD_shrinkstack):
    /// after a collection, and when a caught stack overflow gives its extra room back.
    func shrinkStack(_ t: LuaThread) {
        let b = t.body
        var inUse = t.top
        for i in 0...b.pointee.ciIndex { inUse = max(inUse, t.callInfo(i).pointee.top) }
        inUse += 1
        guard inUse <= StackLimits.maxSize else { return }  // still using the overflow's room
        let goodSize = min(StackLimits.maxSize, max(StackLimits.initialSize, inUse + inUse / 8 + 2 * StackLimits.extra))
        if goodSize < b.pointee.stackSize { try? reallocateStack(t, goodSize) }
    }

    private func shrink(_ t: LuaThread) {
        let b = t.body
        // A thread handling a stack overflow keeps its extra room until that is caught.
        guard b.pointee.stackSize <= StackLimits.maxSize else { return }
        shrinkStack(t)

        // Half of the frames beyond the deepest one in use go, as luaE_shrinkCI.
        let capacity = b.pointee.callInfoCapacity
        let used = b.pointee.ciIndex + 1
        var kept = used + (capacity - used) / 2
        if heapModel == .native { kept = (kept + callInfoSegmentSize - 1) & ~(callInfoSegmentSize - 1) }
        kept = max(kept, heapModel == .native ? callInfoSegmentSize : 1)
        guard kept < capacity else { return }
        let segments = (capacity + callInfoSegmentSize - 1) >> callInfoSegmentShift
        let keptSegments = (kept + callInfoSegmentSize - 1) >> callInfoSegmentShift
        for i in keptSegments..<segments { freeBlock(b.pointee.callInfoSegments[i], count: callInfoSegmentSize) }
        totalBytes -= heapModel.bytes(.frames(count: capacity - kept))
        b.pointee.callInfoCapacity = kept
    }
}
