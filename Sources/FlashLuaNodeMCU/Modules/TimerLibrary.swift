import FlashLuaCore
/// NodeMCU's `tmr` module (timer objects, now, time, delay, ccount, softwd, wdclr) and
/// `node.task.post`, on an EventLoop. Arguments are checked as NodeMCU's tmr.c checks them,
/// with its messages; where its code and documentation disagree, the documentation wins
/// (noted below).
extension LuaState {
    func openTimerLibrary(loop: EventLoop) throws(LuaError) {
        blockCollector()
        defer { unblockCollector() }
        try loop.attach(self)
        let link = loop.link

        // The timer objects' metatable, registered as luaL_newmetatable would ("tmr.timer").
        let meta = try newTable()
        try setField(meta, "__name", Value(try newString("tmr.timer")))
        try setField(meta, "__index", Value(meta))
        try rawSet(registry, Value(try newString("tmr.timer")), Value(meta))
        loop.timerMetatable = meta
        try registerLinked(
            meta, link,
            [
                ("register", { L, loop throws(LuaError) in try L.timerRegister(loop) }),
                ("alarm", { L, loop throws(LuaError) in try L.timerAlarm(loop) }),
                ("start", { L, loop throws(LuaError) in try L.timerStart(loop) }),
                ("stop", { L, loop throws(LuaError) in try L.timerStop(loop) }),
                ("unregister", { L, loop throws(LuaError) in try L.timerUnregister(loop) }),
                ("interval", { L, loop throws(LuaError) in try L.timerInterval(loop) }),
                ("state", { L, loop throws(LuaError) in try L.timerState(loop) }),
            ])

        let tmr = try newTable()
        try registerLinked(
            tmr, link,
            [
                ("create", { L, loop throws(LuaError) in try L.timerCreate(loop) }),
                // The system counter: microseconds of uptime in 31 bits, as system_get_time().
                ("now", { L, loop throws(LuaError) in L.returnValue(Value(loop.uptime & 0x7FFF_FFFF)) }),
                ("time", { L, loop throws(LuaError) in L.returnValue(Value(loop.uptime / 1_000_000)) }),
                // The CPU's cycle counter, a 32-bit register (negative once bit 31 is set).
                (
                    "ccount",
                    { L, loop throws(LuaError) in
                        let cycles = loop.uptime &* L.device.chip.cpuFrequencyMHz
                        return L.returnValue(Value(Int64(Int32(truncatingIfNeeded: cycles))))
                    }
                ),
                ("delay", { L, loop throws(LuaError) in try L.timerDelay(loop) }),
                ("softwd", { L, loop throws(LuaError) in try L.timerSoftWatchdog(loop) }),
                // Feeds the hardware watchdog, which is not modelled: a callback that runs too
                // long is not reset here as it would be on the chip.
                ("wdclr", { _, _ throws(LuaError) in 0 }),
            ])
        try setField(tmr, "ALARM_SINGLE", Value(Int64(TimerRecord.single)))
        try setField(tmr, "ALARM_SEMI", Value(Int64(TimerRecord.semi)))
        try setField(tmr, "ALARM_AUTO", Value(Int64(TimerRecord.auto)))
        try setField(globals, "tmr", Value(tmr))
        try setLoaded("tmr", Value(tmr))

        // node.task, in the node table the node module made (or a new one).
        let node = try globalTable("node")
        let task = try newTable()
        try registerLinked(task, link, [("post", { L, loop throws(LuaError) in try L.taskPost(loop) })])
        try setField(task, "LOW_PRIORITY", Value(Int64(0)))
        try setField(task, "MEDIUM_PRIORITY", Value(Int64(1)))
        try setField(task, "HIGH_PRIORITY", Value(Int64(2)))
        try setField(node, "task", Value(task))
    }

    /// Registers functions that work on the loop; they fail cleanly once the loop is gone.
    private func registerLinked(
        _ table: LuaTable, _ link: EventLoopLink, _ functions: [(StaticString, (LuaState, EventLoop) throws(LuaError) -> Int)]
    ) throws(LuaError) {
        for (name, f) in functions {
            try register(
                table,
                [
                    (
                        name,
                        { (L: LuaState) throws(LuaError) -> Int in
                            guard let loop = link.loop else { throw L.nativeError("the device's event loop is gone") }
                            return try f(L, loop)
                        }
                    )
                ])
        }
    }

    // MARK: Timer objects

    private func timerCreate(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try newUserdata(length: MemoryLayout<TimerRecord>.stride)
        u.data.bindMemory(to: TimerRecord.self, capacity: 1).initialize(to: TimerRecord())
        u.metatable = loop.timerMetatable
        return returnValue(Value(u))
    }

    /// luaL_checkudata(n, "tmr.timer").
    private func checkTimer(_ n: Int, _ loop: EventLoop) throws(LuaError) -> Userdata {
        let v = argument(n)
        guard v.tag == .userdata, let mt = v.userdata.metatable, mt.raw == loop.timerMetatable?.raw else {
            throw argumentTypeError(n, expected: "tmr.timer")
        }
        return v.userdata
    }

    /// An interval in milliseconds, taken as the chip's uint32 and bounded by the SDK's limit.
    private func checkInterval(_ n: Int) throws(LuaError) -> Int64 {
        let ms = Int64(UInt32(truncatingIfNeeded: try checkInteger(n)))
        guard ms >= 1 && ms <= 6_870_947 else { throw argumentError(n, "Range: 1-6870947") }
        return ms
    }

    /// t:register(interval_ms, mode, fn): configures the timer, stopped.
    private func timerRegister(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try checkTimer(1, loop)
        let interval = try checkInterval(2)
        let mode = UInt8(truncatingIfNeeded: try checkInteger(3))
        guard mode == TimerRecord.single || mode == TimerRecord.semi || mode == TimerRecord.auto else {
            throw argumentError(3, "Invalid mode")
        }
        guard argument(4).isFunction else { throw argumentError(4, "Must be function") }
        loop.disarm(u)
        let r = loop.record(u)
        r.pointee.interval = interval
        r.pointee.mode = mode
        u.userValue = argument(4)
        return 0
    }

    /// t:start([restart]): true if the timer was started. A running timer is left alone (false)
    /// unless `restart`, which re-arms it from now. NodeMCU's code returns its flags inverted
    /// and anchors an unregistered timer; this follows its documentation instead.
    private func timerStart(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try checkTimer(1, loop)
        let restart = argument(2)
        guard restart.isNil || restart.tag == .boolean else { throw argumentError(2, "boolean expected") }
        let r = loop.record(u)
        if r.pointee.mode == TimerRecord.off || (r.pointee.running && !restart.boolean) {
            return returnValue(.false)
        }
        try loop.arm(u, due: loop.clock.now() + r.pointee.interval * 1000)
        return returnValue(.true)
    }

    /// t:alarm(interval_ms, mode, fn): register and start.
    private func timerAlarm(_ loop: EventLoop) throws(LuaError) -> Int {
        _ = try timerRegister(loop)
        let u = argument(1).userdata
        try loop.arm(u, due: loop.clock.now() + loop.record(u).pointee.interval * 1000)
        return returnValue(.true)
    }

    /// t:stop(): true if it was running. The callback stays registered.
    private func timerStop(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try checkTimer(1, loop)
        let wasRunning = loop.record(u).pointee.running
        loop.disarm(u)
        return returnValue(Value(wasRunning))
    }

    /// t:unregister(): stops the timer and releases its callback.
    private func timerUnregister(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try checkTimer(1, loop)
        loop.disarm(u)
        loop.record(u).pointee.mode = TimerRecord.off
        u.userValue = .nil
        return 0
    }

    /// t:interval(ms): a running timer is re-armed from now with the new interval; an
    /// unregistered one is left alone.
    private func timerInterval(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try checkTimer(1, loop)
        let interval = try checkInterval(2)
        let r = loop.record(u)
        guard r.pointee.mode != TimerRecord.off else { return 0 }
        r.pointee.interval = interval
        if r.pointee.running { try loop.arm(u, due: loop.clock.now() + interval * 1000) }
        return 0
    }

    /// t:state(): (running, mode), or nil when not registered.
    private func timerState(_ loop: EventLoop) throws(LuaError) -> Int {
        let u = try checkTimer(1, loop)
        let r = loop.record(u).pointee
        if r.mode == TimerRecord.off { return returnValue(.nil) }
        return try returnValues(Value(r.running), Value(Int64(r.mode)))
    }

    // MARK: Module functions

    /// tmr.delay(us): a busy wait, which a virtual clock passes by moving on. The count is the
    /// chip's int32, and must be positive.
    private func timerDelay(_ loop: EventLoop) throws(LuaError) -> Int {
        let us = Int64(Int32(truncatingIfNeeded: try checkInteger(1)))
        guard us > 0 else { throw argumentError(1, "wrong arg range") }
        let end = loop.clock.now() + us
        while loop.clock.now() < end { loop.clock.wait(end) }
        return 0
    }

    /// tmr.softwd(s): the device restarts when `s` seconds pass before the next call; a negative
    /// value disarms it (as documented: NodeMCU's code refuses negatives). Checked between
    /// callbacks, as the chip's once-a-second check runs between Lua tasks.
    private func timerSoftWatchdog(_ loop: EventLoop) throws(LuaError) -> Int {
        let seconds = Int64(Int32(truncatingIfNeeded: try checkInteger(1)))
        if seconds == 0 { throw argumentError(1, "invalid time") }
        loop.watchdogDeadline = seconds < 0 ? nil : loop.clock.now() + seconds * 1_000_000
        return 0
    }

    // MARK: node.task

    /// node.task.post([priority,] fn): fn(priority) runs at the loop's next turn.
    private func taskPost(_ loop: EventLoop) throws(LuaError) -> Int {
        var n = 1
        var priority: Int64 = 1
        if argument(1).isNumber {
            // luaL_checkint into an unsigned: a negative priority is out of range too.
            priority = try checkInteger(1)
            guard priority >= 0 && priority <= 2 else { throw argumentError(1, "invalid  priority") }
            n = 2
        }
        guard argument(n).isFunction else { throw argumentError(n, "invalid function") }
        try loop.post(argument(n), priority: Int(priority))
        return 0
    }
}
