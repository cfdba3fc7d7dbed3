/// What libraries may ask of the collector: lua_gc's options, luaC_checkGC, and blocking
/// collection while they build objects that nothing anchors yet. The collector's own state
/// (thresholds, work lists, the object list) stays private to the core.
extension LuaState {
    /// Keeps the collector from running until the matching `unblockCollector`: for building
    /// objects that are not anchored yet (a library table being filled, a thread's stack). Make
    /// room first (`makeRoom`) when the work allocates much, so a heap of garbage is collected
    /// rather than failing while blocked.
    @inline(__always) package func blockCollector() { gcBlocked += 1 }
    @inline(__always) package func unblockCollector() { gcBlocked -= 1 }

    /// collectgarbage("stop") / ("restart") / ("isrunning").
    package var collectorIsStopped: Bool {
        get { gcStopped }
        set { gcStopped = newValue }
    }

    /// collectgarbage("setpause"): the percentage of the live heap that triggers the next cycle;
    /// returns the previous value.
    package func setCollectorPause(_ percent: Int) -> Int {
        let old = gcPause
        gcPause = percent
        return old
    }

    /// collectgarbage("setstepmul"); returns the previous value. Values below 40 become 40
    /// (lua_gc: "avoid ridiculous low values (and also zero)").
    package func setCollectorStepMultiplier(_ multiplier: Int) -> Int {
        let old = gcStepMultiplier
        gcStepMultiplier = max(multiplier, 40)
        return old
    }

    /// collectgarbage("collect"): a full collection now, stopped or not, then the pending
    /// finalizers. Does nothing while the collector is blocked or running.
    package func collectNow() throws(LuaError) {
        let wasStopped = gcStopped
        gcStopped = false
        defer { gcStopped = wasStopped }
        try collectIfAllowed()
    }

    /// luaC_checkGC: collects when the heap has passed the threshold, for a library function
    /// that allocates in a loop where no other safe point runs (io.lines' iterator).
    @inline(__always) package func collectIfDue() throws(LuaError) {
        if totalBytes >= gcThreshold { try collectIfAllowed() }
    }

    /// Calls `body` with every live thread, the main thread included, until it returns false.
    package func forEachThread(_ body: (LuaThread) -> Bool) {
        var p = allObjects  // the main thread is among them
        while let o = p {
            if o.header.pointee.tag == .thread && !body(LuaThread(o)) { return }
            p = o.header.pointee.next
        }
    }
}
