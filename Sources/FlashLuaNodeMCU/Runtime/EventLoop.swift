import FlashLuaCore
/// Timers and posted tasks of a device, driven by the host: `runDue` between console lines,
/// `runUntilIdle` to let the application run. A turn of the loop runs the tasks posted before it
/// (higher priority first, FIFO within a priority), then the timers due by then (in due order,
/// ties in arming order), as NodeMCU's task queue and timer list do.
///
/// A loop serves the one Lua state that opened `tmr` with it and keeps that state alive. The
/// state's functions reach the loop through a link the loop clears when it goes away (no cycle,
/// nothing dangles): drop the loop and the state together, as a restart does.
public final class EventLoop {
    /// Why `runUntilIdle` returned.
    public enum StopReason: Equatable, Sendable {
        /// No timer is running, no task is pending, no soft watchdog is armed.
        case idle
        /// The time limit was reached (a virtual clock is moved to its end).
        case timeLimit
        /// The callback limit was reached.
        case callbackLimit
        /// `Limit.interrupted` returned true.
        case interrupted
    }

    /// How long `runUntilIdle` may run; no limit by default.
    public struct Limit {
        /// Microseconds of clock time from the call.
        public var time: Int64?
        /// Callbacks (timers and tasks) to run at most.
        public var callbacks: Int?
        /// Polled between callbacks and after every wait: true stops the loop (Ctrl-C).
        public var interrupted: (() -> Bool)?

        public init(time: Int64? = nil, callbacks: Int? = nil, interrupted: (() -> Bool)? = nil) {
            self.time = time
            self.callbacks = callbacks
            self.interrupted = interrupted
        }
    }

    public let clock: DeviceClock
    /// Clock time when the loop was made (the device's boot): `tmr.now` and `tmr.time` count
    /// uptime from here.
    public let bootTime: Int64
    /// A host's own reporter of errors from callbacks (message and traceback, as lua.c makes
    /// them); when set, it replaces NodeMCU's reporting. Without it, a loop whose state has the
    /// `node` module reports as the firmware (CallbackErrors.swift: node.setonerror's handler,
    /// by default print and restart 2 s later); one without writes "lua: <message>" to the
    /// state's `host.writeError`. Every way, the loop goes on.
    public var onError: ((String) -> Void)?
    /// NodeMCU's reporting (luaL_pcallx) applies: set by `openDeviceLibraries`.
    var reportsErrorsAsNodeMCU = false
    /// Tasks a priority's queue holds before `node.task.post` fails with "Task queue overflow"
    /// (the ESP8266 SDK's queues hold 8 events, shared with other modules); nil: unbounded.
    public var taskQueueCapacity: Int?
    /// Microseconds a task takes on a virtual clock. On the chip a task takes time, so a task
    /// that posts itself again and again still lets the timers come due; with no cost, virtual
    /// time would stand still under it. 0 makes tasks free.
    public var virtualTaskTime: Int64 = 100
    /// Callbacks run so far (timers and tasks, failed ones included).
    public private(set) var callbacksRun = 0

    let link = EventLoopLink()
    private(set) var state: LuaState?
    /// lua.c's message handler, adding the traceback to an error (anchored at slot 0).
    private var messageHandler: Value = .nil
    /// luaL_pcallx's message handler, posting the report as a task (anchored at slot -1).
    private var nodeMCUMessageHandler: Value = .nil
    /// What the loop keeps alive, by slot (luaL_ref's way, as NodeMCU anchors them in the
    /// registry): running timers, so an unreachable one still fires, and posted tasks.
    private var anchors: LuaTable?
    private var freeSlots: [Int64] = []
    private var nextSlot: Int64 = 1
    /// The `tmr.timer` metatable, which identifies timer objects.
    var timerMetatable: LuaTable?

    /// Running timers sorted by (due, arming sequence).
    private var schedule: [ScheduledTimer] = []
    private var taskQueues: [[PostedTask]] = [[], [], []]
    /// Orders arming and posting: ties between timers, and which tasks a turn runs.
    private var sequence: UInt64 = 0
    /// When `tmr.softwd` restarts the device, if armed.
    var watchdogDeadline: Int64?
    /// When the default error handler's restart happens, once armed (node.c's restart_timer),
    /// and the uptime at which it was armed.
    var errorRestartDeadline: Int64?
    public internal(set) var errorRestartArmedAt: Int64?

    public init(clock: DeviceClock) {
        self.clock = clock
        bootTime = clock.now()
        link.loop = self
    }

    deinit { link.loop = nil }

    // MARK: State of the loop

    /// Nothing is scheduled: no running timer, no posted task, no armed soft watchdog.
    public var isIdle: Bool { nextDueTime == nil }

    /// Clock time at which something is next due: now when a task is pending; nil when idle.
    public var nextDueTime: Int64? {
        if pendingTasks > 0 { return clock.now() }
        var next = schedule.first?.due
        if let w = watchdogDeadline { next = min(next ?? w, w) }
        if let r = errorRestartDeadline { next = min(next ?? r, r) }
        return next
    }

    public var runningTimers: Int { schedule.count }
    public var pendingTasks: Int { taskQueues[0].count + taskQueues[1].count + taskQueues[2].count }
    /// Microseconds since the loop was made.
    public var uptime: Int64 { clock.now() - bootTime }

    // MARK: Running

    /// One turn: the tasks posted before it, then every timer due once they are done. Errors in
    /// callbacks are reported (`onError`) and the turn goes on; a restart (`node.restart`,
    /// `node.LFS.reload`, an expired `tmr.softwd`) is thrown to the host. Returns the number of
    /// callbacks run. It never waits, nor moves a virtual clock except by tasks' own time.
    @discardableResult
    public func runDue() throws(LuaError) -> Int {
        try runTurn(limit: Int.max, interrupted: nil)
    }

    /// Runs turns, waiting on the clock between them, until nothing is scheduled or a limit is
    /// reached. Errors and restarts as in `runDue`.
    @discardableResult
    public func runUntilIdle(limit: Limit = Limit()) throws(LuaError) -> StopReason {
        let end = limit.time.map { clock.now() + $0 }
        var ran = 0
        while true {
            if limit.interrupted?() == true { return .interrupted }
            guard let next = nextDueTime else { return .idle }
            if let most = limit.callbacks, ran >= most { return .callbackLimit }
            let now = clock.now()
            if let end, next > end {
                if now >= end { return .timeLimit }
                clock.wait(end)
                continue
            }
            // A real clock's wait may end early (a signal): go round and look again.
            if next > now {
                clock.wait(next)
                continue
            }
            ran += try runTurn(limit: (limit.callbacks ?? Int.max) - ran, interrupted: limit.interrupted)
        }
    }

    private func runTurn(limit: Int, interrupted: (() -> Bool)?) throws(LuaError) -> Int {
        guard let L = state else { return 0 }
        if let w = watchdogDeadline, clock.now() >= w {
            watchdogDeadline = nil
            throw LuaError(.restart, .nil)
        }
        if let r = errorRestartDeadline, clock.now() >= r { throw LuaError(.restart, .nil) }
        // Tasks posted during this turn wait for the next, so a task that posts itself again
        // cannot starve the timers.
        let postedBefore = sequence
        var ran = 0
        while ran < limit, let (priority, slot) = takeTask(postedBefore: postedBefore) {
            try runTask(L, priority: priority, slot: slot)
            ran += 1
            if clock.isVirtual && virtualTaskTime > 0 { clock.wait(clock.now() + virtualTaskTime) }
            if interrupted?() == true { return ran }
        }
        // A timer re-armed or started here is due after `now`, so this ends.
        let now = clock.now()
        while ran < limit, let first = schedule.first, first.due <= now {
            try fire(L, first)
            ran += 1
            if interrupted?() == true { return ran }
        }
        return ran
    }

    /// Calls f(argument) in protected mode with a traceback. `prepare` runs once both are on
    /// the stack (anchored), to update the timer or task queue before the callback sees it.
    private func call(_ L: LuaState, _ f: Value, _ argument: Value, prepare: () -> Void) throws(LuaError) {
        let top = L.stackTop
        defer { L.stackTop = top }
        try L.ensureStack(3)
        let asNodeMCU = reportsErrorsAsNodeMCU && onError == nil
        let handlerIndex = L.stackTop
        L.push(asNodeMCU ? nodeMCUMessageHandler : messageHandler)
        let fi = L.stackTop
        L.push(f)
        L.push(argument)
        prepare()
        callbacksRun += 1
        // A restart is thrown through; every other error comes back to be reported.
        guard let error = try L.protectedCall(fi, wanted: 0, handler: handlerIndex) else { return }
        if !asNodeMCU { return report(L, error) }
        // NodeMCU's handler has posted the report of a runtime error; other failures (no memory,
        // an error in the handler) are reported as "out of memory" after a full collection.
        if error.kind != .runtime {
            try? L.collectNow()
            if let text = try? L.newString("out of memory") { try? postErrorReport(L, Value(text)) }
        }
    }

    private func report(_ L: LuaState, _ error: LuaError) {
        let v = error.value
        let text =
            v.isString || v.isNumber
            ? String(decoding: L.rawToStringBytes(v), as: UTF8.self) : "(error object is a \(v.typeName) value)"
        if let onError {
            onError(text)
        } else {
            Array("lua: \(text)\n".utf8).withUnsafeBufferPointer { L.host.writeError($0) }
        }
    }

    // MARK: Attaching to a state

    /// Makes this the loop of `L`: its anchor table in the registry, with the message handler
    /// at slot 0.
    func attach(_ L: LuaState) throws(LuaError) {
        precondition(state == nil, "an EventLoop serves one Lua state")
        let table = try L.newTable()
        try L.rawSet(L.registry, Value(try L.newString("flashlua.eventloop")), Value(table))
        let handler = try L.newNativeClosure(LuaState.tracebackMessageHandler)
        try L.rawSet(table, Value(Int64(0)), Value(handler))
        let nodeMCUHandler = try makeNodeMCUMessageHandler(L)
        try L.rawSet(table, Value(Int64(-1)), Value(nodeMCUHandler))
        anchors = table
        messageHandler = Value(handler)
        nodeMCUMessageHandler = Value(nodeMCUHandler)
        state = L
    }

    /// Keeps `v` alive until `release(slot)`; may fail for memory, changing nothing.
    private func anchor(_ v: Value) throws(LuaError) -> Int64 {
        let slot = freeSlots.last ?? nextSlot
        try state!.rawSet(anchors!, Value(slot), v)
        if freeSlots.isEmpty { nextSlot += 1 } else { freeSlots.removeLast() }
        return slot
    }

    private func release(_ slot: Int64) {
        // Clearing an existing key neither allocates nor fails.
        try? state!.rawSet(anchors!, Value(slot), .nil)
        freeSlots.append(slot)
    }
}

/// How a state's `tmr` and `node.task` functions find their loop without keeping it alive.
final class EventLoopLink {
    unowned(unsafe) var loop: EventLoop?
}

/// A timer object's state, kept in its userdata (counted in the heap, freed with it). Its
/// callback is the userdata's user value, so it lives exactly as long as the timer.
struct TimerRecord {
    /// NodeMCU's mode numbers (tmr.ALARM_*); `off` is an unregistered timer.
    static let single: UInt8 = 0
    static let auto: UInt8 = 1
    static let semi: UInt8 = 2
    static let off: UInt8 = 3

    var interval: Int64 = 0  // milliseconds
    var mode = TimerRecord.off
    /// The timer's slot in the loop's anchors while it runs; 0 when stopped.
    var anchor: Int64 = 0
    var running: Bool { anchor != 0 }
}

struct ScheduledTimer {
    var due: Int64
    var sequence: UInt64
    /// The timer's userdata, anchored while scheduled.
    var timer: UnsafeMutableRawPointer
}

struct PostedTask {
    var sequence: UInt64
    /// The task's function's slot in the loop's anchors.
    var slot: Int64
}

// MARK: Timers

extension EventLoop {
    func record(_ u: Userdata) -> UnsafeMutablePointer<TimerRecord> {
        u.data.assumingMemoryBound(to: TimerRecord.self)
    }

    /// Starts (or re-arms) a timer to fire at clock time `due`.
    func arm(_ u: Userdata, due: Int64) throws(LuaError) {
        let r = record(u)
        if r.pointee.running {
            unschedule(u.raw)
        } else {
            // The anchor first: it may fail for memory, and then nothing has changed.
            r.pointee.anchor = try anchor(Value(u))
        }
        sequence &+= 1
        let index = schedule.firstIndex { $0.due > due } ?? schedule.count
        schedule.insert(ScheduledTimer(due: due, sequence: sequence, timer: u.raw), at: index)
    }

    /// Stops a timer; it may be collected once nothing else holds it.
    func disarm(_ u: Userdata) {
        let r = record(u)
        guard r.pointee.running else { return }
        unschedule(u.raw)
        release(r.pointee.anchor)
        r.pointee.anchor = 0
    }

    private func unschedule(_ timer: UnsafeMutableRawPointer) {
        if let i = schedule.firstIndex(where: { $0.timer == timer }) { schedule.remove(at: i) }
    }

    /// Fires a due timer: a single alarm unregisters itself, a semi one stops, an auto one is
    /// re-armed one interval after it was due (or after now, when it is late: no burst of
    /// catch-up alarms), then the callback gets the timer.
    private func fire(_ L: LuaState, _ entry: ScheduledTimer) throws(LuaError) {
        let u = Userdata(entry.timer)
        let r = record(u)
        try call(L, u.userValue, Value(u)) {
            switch r.pointee.mode {
            case TimerRecord.auto:
                let period = r.pointee.interval * 1000
                let now = clock.now()
                let next = entry.due + period > now ? entry.due + period : now + period
                // Already anchored, so re-arming cannot fail.
                try? arm(u, due: next)
            case TimerRecord.single:
                disarm(u)
                r.pointee.mode = TimerRecord.off
                u.userValue = .nil
            default:
                disarm(u)
            }
        }
    }
}

// MARK: Tasks

extension EventLoop {
    /// node.task.post: queues `f` (a value anchored by the caller) at a priority 0...2.
    func post(_ f: Value, priority: Int) throws(LuaError) {
        let L = state!
        if let capacity = taskQueueCapacity, taskQueues[priority].count >= capacity {
            throw L.nativeError("Task queue overflow. Task not posted")
        }
        let slot = try anchor(f)
        sequence &+= 1
        taskQueues[priority].append(PostedTask(sequence: sequence, slot: slot))
    }

    /// The oldest task of the highest priority among those posted up to `postedBefore`.
    private func takeTask(postedBefore: UInt64) -> (Int, Int64)? {
        for priority in stride(from: 2, through: 0, by: -1) {
            if let first = taskQueues[priority].first, first.sequence <= postedBefore {
                taskQueues[priority].removeFirst()
                return (priority, first.slot)
            }
        }
        return nil
    }

    /// Runs a task: its function gets the priority, as NodeMCU's do.
    private func runTask(_ L: LuaState, priority: Int, slot: Int64) throws(LuaError) {
        let f = L.rawGet(anchors!, Value(slot))
        try call(L, f, Value(Int64(priority))) { release(slot) }
    }
}
