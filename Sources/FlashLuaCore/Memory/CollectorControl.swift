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
        try collectIfAllowed(full: true)
    }

    /// luaC_checkGC: collects when the heap has passed the threshold, for a library function
    /// that allocates in a loop where no other safe point runs (io.lines' iterator).
    @inline(__always) package func collectIfDue() throws(LuaError) {
        if totalBytes >= gcThreshold { try collectIfAllowed() }
    }

    /// collectgarbage("step", kilobytes) (lapi.c's LUA_GCSTEP); true when a cycle finished.
    /// The collector is stop-the-world, so a cycle is emulated by its cost: it begins with a
    /// step (as lua5.3's pause state does), costs the heap's bytes at that moment, and each step
    /// pays work into it as luaC_step does (`kilobytes` added to the debt; 0: one basic step).
    /// When the work paid reaches the cost, the step runs the real full collection (and the
    /// pending finalizers) and reports the cycle finished. Runs even when stopped, as lua_gc.
    package func collectorStep(kilobytes: Int) throws(LuaError) -> Bool {
        if gcBlocked > 0 || gcRunning { return false }
        let wasStopped = gcStopped
        gcStopped = false
        defer { gcStopped = wasStopped }
        let finished: Bool
        if kilobytes <= 0 {
            finished = payStepWork(basicStepWork)
        } else {
            // The debt grows by `kilobytes`; while it is not positive, no work is done.
            gcThreshold = max(gcThreshold, Int.min / 2 + kilobytes * 1024) - kilobytes * 1024
            if totalBytes - gcThreshold <= 0 { return false }
            finished = payStepWork(debtWork())
        }
        if finished {
            fullCollect(emergency: false)
            try runPendingFinalizers()
        }
        return finished
    }

    /// GCSTEPSIZE (100 short strings' headers): a basic step's work.
    var basicStepWork: Int { 2400 }

    /// The debt (bytes past the threshold) plus a basic step, in work units (luaC_step's
    /// getdebt: scaled by the step multiplier).
    func debtWork() -> Int {
        let debt = max(totalBytes - gcThreshold, 0) + basicStepWork
        return debt / 200 * gcStepMultiplier
    }

    /// Pays `work` into the step cycle, beginning one if none is under way (the begin step pays
    /// nothing, as lua5.3's step out of the pause only restarts the collection). True when the
    /// cycle is paid: the caller runs the full collection. Otherwise the debt is a basic step.
    func payStepWork(_ work: Int) -> Bool {
        let c = collector
        var work = work
        if !c.pointee.stepCycleActive {
            c.pointee.stepCycleActive = true
            c.pointee.stepWork = 0
            c.pointee.stepCycleCost = max(totalBytes, 1)
            work -= basicStepWork
        }
        if work > 0 { c.pointee.stepWork += work }
        if c.pointee.stepWork >= c.pointee.stepCycleCost { return true }
        gcThreshold = totalBytes + basicStepWork
        return false
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
