import FlashLuaHost
import Testing

@testable import FlashLua
@testable import FlashLuaCore
@testable import FlashLuaNodeMCU
@testable import FlashLuaSoftmodule
@testable import FlashLuaStandardLibrary

/// The `tmr` module and `node.task.post` on the event loop, under virtual time: firing order and
/// counts, the timer object's API and argument errors, tasks' priorities, errors in callbacks,
/// restarts, the soft watchdog, and timers' memory.
@Suite struct TimerModuleTests {
    /// A state with the standard library and tmr on a virtual clock; errors from callbacks are
    /// collected instead of printed. Lua code logs events with `log(...)`; `events` reads them.
    final class Device {
        let L: LuaState
        var loop: EventLoop
        var errors: [String] = []
        var errorOutput: [UInt8] = []

        init(heapLimit: Int = Int.max, collectErrors: Bool = true) throws {
            var host = HostServices()
            var device = DeviceServices()
            device.clock = .virtual()
            L = try LuaState(heapLimit: heapLimit, host: host)
            L.device = device
            loop = EventLoop(clock: device.clock)
            try L.openTimerLibrary(loop: loop)
            L.host.writeError = { [unowned self] in self.errorOutput.append(contentsOf: $0) }
            if collectErrors { loop.onError = { [unowned self] in self.errors.append($0) } }
            try L.run("events = {} function log(...) events[#events + 1] = table.concat({...}, ' ') end")
        }

        var events: [String] {
            guard let r = try? L.run("return table.concat(events, ',')"), case .string(let s) = r.first else { return [] }
            return s.isEmpty ? [] : s.split(separator: ",").map(String.init)
        }

        func value(_ expression: String) throws -> [LuaValue] { try L.run("return " + expression) }

        /// Virtual time in microseconds since the loop started.
        var now: Int64 { loop.uptime }
    }

    // MARK: Modes

    @Test func singleAlarmFiresOnceThenUnregistersItself() throws {
        let d = try Device()
        try d.L.run(
            """
            t = tmr.create()
            t:alarm(1500, tmr.ALARM_SINGLE, function(timer) log('fired', tmr.now(), tostring(timer == t)) end)
            """)
        #expect(try d.value("t:state()") == [.boolean(true), .integer(0)])
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events == ["fired 1500000 true"])
        #expect(try d.value("t:state()") == [.nil])
        #expect(try d.value("t:start()") == [.boolean(false)], "an unregistered timer cannot start")
        #expect(d.now == 1_500_000)
    }

    @Test func semiAlarmFiresOnceAndCanBeStartedAgain() throws {
        let d = try Device()
        try d.L.run(
            """
            t = tmr.create()
            t:register(100, tmr.ALARM_SEMI, function(timer)
              log('semi', tmr.now() // 1000)
              if #events < 3 then timer:start() end
            end)
            """)
        #expect(try d.value("t:state()") == [.boolean(false), .integer(2)], "register does not start")
        #expect(d.loop.isIdle)
        #expect(try d.value("t:start()") == [.boolean(true)])
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events == ["semi 100", "semi 200", "semi 300"])
        #expect(try d.value("t:state()") == [.boolean(false), .integer(2)])
    }

    @Test func autoAlarmRepeatsUntilStopped() throws {
        let d = try Device()
        try d.L.run(
            """
            n = 0
            t = tmr.create()
            t:alarm(250, tmr.ALARM_AUTO, function(timer)
              n = n + 1
              log(n, tmr.now() // 1000)
              if n == 4 then log('stop', tostring(timer:stop())) end
            end)
            """)
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events == ["1 250", "2 500", "3 750", "4 1000", "stop true"])
        #expect(try d.value("t:state()") == [.boolean(false), .integer(1)])
        #expect(try d.value("t:stop()") == [.boolean(false)], "already stopped")
        #expect(try d.value("t:start()") == [.boolean(true)])
        #expect(try d.loop.runUntilIdle(limit: .init(time: 600_000)) == .timeLimit)
        #expect(d.events.suffix(2) == ["5 1250", "6 1500"])
        #expect(d.now == 1_600_000)
    }

    @Test func timersFireInDueOrderAndTiesInArmingOrder() throws {
        let d = try Device()
        try d.L.run(
            """
            local function at(name, ms) tmr.create():alarm(ms, tmr.ALARM_SINGLE, function() log(name) end) end
            at('c', 30) at('a', 10) at('b1', 20) at('b2', 20) at('b3', 20)
            """)
        #expect(d.loop.runningTimers == 5)
        #expect(d.loop.nextDueTime == 10_000)
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events == ["a", "b1", "b2", "b3", "c"])
    }

    @Test func intervalChangesReArmARunningTimerFromNow() throws {
        let d = try Device()
        try d.L.run(
            """
            t = tmr.create()
            t:alarm(1000, tmr.ALARM_AUTO, function(timer)
              log('t', tmr.now() // 1000)
              if tmr.now() >= 3000000 then timer:unregister() end
            end)
            -- a stopped registered timer keeps its new interval for the next start
            s = tmr.create()
            s:register(1000, tmr.ALARM_SINGLE, function() log('s', tmr.now() // 1000) end)
            s:interval(50)
            s:start()
            -- an unregistered timer ignores it
            u = tmr.create()
            u:interval(5)
            """)
        try d.loop.runUntilIdle(limit: .init(time: 400_000))
        try d.L.run("t:interval(2000)")  // at 400 ms: next at 2400, then every 2 s
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events == ["s 50", "t 2400", "t 4400"])
        #expect(try d.value("u:state()") == [.nil])
    }

    @Test func startStopUnregisterAndStateFollowNodeMCU() throws {
        let d = try Device()
        try d.L.run(
            """
            t = tmr.create()
            f = function() log('fired', tmr.now() // 1000) end
            """)
        #expect(try d.value("t:state()") == [.nil])
        #expect(try d.value("t:start()") == [.boolean(false)], "not registered")
        #expect(try d.value("t:stop()") == [.boolean(false)])
        #expect(try d.value("t:register(100, tmr.ALARM_SINGLE, f)") == [])
        #expect(try d.value("t:start()") == [.boolean(true)])
        #expect(try d.value("t:start()") == [.boolean(false)], "already running, no restart")
        try d.loop.runUntilIdle(limit: .init(time: 60_000))
        #expect(try d.value("t:start(true)") == [.boolean(true)], "restart re-arms from now (60 ms)")
        #expect(try d.value("t:state()") == [.boolean(true), .integer(0)])
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events == ["fired 160"])
        // Unregistering a running timer stops it for good and releases the callback.
        try d.L.run("t:alarm(100, tmr.ALARM_AUTO, f) t:unregister()")
        #expect(try d.value("t:state()") == [.nil])
        #expect(d.loop.isIdle)
        // Registering a running timer again stops it with the new settings.
        #expect(try d.value("t:alarm(100, tmr.ALARM_AUTO, f)") == [.boolean(true)])
        try d.L.run("t:register(300, tmr.ALARM_SEMI, f)")
        #expect(try d.value("t:state()") == [.boolean(false), .integer(2)])
        #expect(d.loop.isIdle)
        #expect(try d.value("tmr.ALARM_SINGLE, tmr.ALARM_AUTO, tmr.ALARM_SEMI") == [.integer(0), .integer(1), .integer(2)])
    }

    @Test func argumentErrorsAreNodeMCUs() throws {
        let d = try Device()
        func error(_ code: String) throws -> String {
            let r = try d.L.run("t = tmr.create() f = function() end local ok, e = pcall(function() \(code) end) return e")
            guard case .string(let s) = r.first else { return "no error" }
            return s
        }
        #expect(try error("t:register(0, tmr.ALARM_SINGLE, f)") == "(run):1: bad argument #1 to 'register' (Range: 1-6870947)")
        #expect(try error("t:alarm(6870948, tmr.ALARM_AUTO, f)") == "(run):1: bad argument #1 to 'alarm' (Range: 1-6870947)")
        #expect(try error("t:register(-5, tmr.ALARM_SINGLE, f)") == "(run):1: bad argument #1 to 'register' (Range: 1-6870947)")
        #expect(try error("t:register('x', tmr.ALARM_SINGLE, f)") == "(run):1: bad argument #1 to 'register' (number expected, got string)")
        #expect(try error("t:register(10, 7, f)") == "(run):1: bad argument #2 to 'register' (Invalid mode)")
        #expect(try error("t:register(10, tmr.ALARM_AUTO, 'f')") == "(run):1: bad argument #3 to 'register' (Must be function)")
        #expect(try error("t:interval(0)") == "(run):1: bad argument #1 to 'interval' (Range: 1-6870947)")
        #expect(try error("t:start(1)") == "(run):1: bad argument #1 to 'start' (boolean expected)")
        #expect(try error("t.stop({})") == "(run):1: bad argument #1 to 'stop' (tmr.timer expected, got table)")
        #expect(try error("t.state()") == "(run):1: bad argument #1 to 'state' (tmr.timer expected, got no value)")
        #expect(try error("tmr.delay(0)") == "(run):1: bad argument #1 to 'delay' (wrong arg range)")
        #expect(try error("tmr.softwd(0)") == "(run):1: bad argument #1 to 'softwd' (invalid time)")
        #expect(try error("node.task.post(3, f)") == "(run):1: bad argument #1 to 'post' (invalid  priority)")
        #expect(try error("node.task.post(1)") == "(run):1: bad argument #2 to 'post' (invalid function)")
        #expect(try error("node.task.post('f')") == "(run):1: bad argument #1 to 'post' (invalid function)")
        #expect(try d.value("tostring(tmr.create()):match('^tmr.timer: ') ~= nil") == [.boolean(true)])
        #expect(try d.value("package.loaded.tmr == tmr") == [.boolean(true)])
    }

    // MARK: Virtual time

    @Test func anHourOfTimersRunsInMilliseconds() throws {
        let d = try Device()
        try d.L.run(
            """
            seconds, minutes = 0, 0
            order = {}
            tmr.create():alarm(1000, tmr.ALARM_AUTO, function()
              seconds = seconds + 1
              if seconds % 60 == 0 then order[#order + 1] = 's' .. tmr.time() end
            end)
            tmr.create():alarm(60000, tmr.ALARM_AUTO, function()
              minutes = minutes + 1
              order[#order + 1] = 'm' .. tmr.time()
            end)
            """)
        let clock = ContinuousClock()
        let start = clock.now
        let stop = try d.loop.runUntilIdle(limit: .init(time: 3_600_000_000))
        let elapsed = clock.now - start
        #expect(stop == .timeLimit)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        #expect(try d.value("seconds, minutes, tmr.time()") == [.integer(3600), .integer(60), .integer(3600)])
        #expect(d.loop.callbacksRun == 3660)
        // At each whole minute both are due. The minute timer was last armed a minute earlier,
        // the second timer only a second earlier, so the minute timer fires first.
        var expected: [String] = []
        for m in 1...60 { expected += ["m\(m * 60)", "s\(m * 60)"] }
        let order = try d.L.run("return table.concat(order, ',')")
        #expect(order == [.string(expected.joined(separator: ","))])
        #expect(!d.loop.isIdle)
        #expect(d.loop.nextDueTime == d.loop.bootTime + 3_601_000_000)
    }

    @Test func nowTimeAndDelayUnderVirtualTime() throws {
        let d = try Device()
        #expect(try d.value("tmr.now(), tmr.time()") == [.integer(0), .integer(0)])
        try d.L.run("tmr.delay(250000)")
        #expect(try d.value("tmr.now()") == [.integer(250_000)])
        // runDue runs what is due now and never moves virtual time.
        try d.L.run("tmr.create():alarm(10, tmr.ALARM_SINGLE, function() log('x') end)")
        #expect(try d.loop.runDue() == 0)
        #expect(d.now == 250_000)
        d.loop.clock.wait(d.loop.nextDueTime!)
        #expect(try d.loop.runDue() == 1)
        #expect(d.events == ["x"])
        // The counter is 31 bits wide, as on the chip; the uptime in seconds is not.
        d.loop.clock.wait(d.loop.bootTime + (1 << 31) + 5)
        #expect(try d.value("tmr.now(), tmr.time()") == [.integer(5), .integer(2147)])
        // ccount: CPU cycles (80 MHz by default) in a wrapping 32-bit register.
        #expect(try d.value("tmr.ccount()") == [.integer(Int64(Int32(truncatingIfNeeded: ((1 << 31) + 5) * 80)))])
        // tmr.delay counts in the chip's int32: 2^32 + 1 is 1 µs.
        let before = d.now
        try d.L.run("tmr.delay(4294967297)")
        #expect(d.now == before + 1)
        // A delay inside an auto timer's callback makes it late: it fires once as soon as the
        // delay is over (no burst of missed alarms), then re-arms from then.
        try d.L.run(
            """
            events = {}
            k = tmr.create()
            k:alarm(100, tmr.ALARM_AUTO, function(t)
              log(#events)
              if #events == 1 then tmr.delay(350000) end
              if #events == 3 then t:unregister() end
            end)
            """)
        let t0 = d.now
        try d.loop.runUntilIdle()
        #expect(d.events == ["0", "1", "2"])
        #expect(d.now - t0 == 100_000 + 100_000 + 350_000)
    }

    @Test func loopTimeLimitAndCallbackLimitAndInterruption() throws {
        let d = try Device()
        try d.L.run("tmr.create():alarm(10, tmr.ALARM_AUTO, function() log('t') end)")
        #expect(try d.loop.runUntilIdle(limit: .init(callbacks: 3)) == .callbackLimit)
        #expect(d.events.count == 3)
        #expect(d.now == 30_000)
        var polls = 0
        #expect(
            try d.loop.runUntilIdle(
                limit: .init(interrupted: {
                    polls += 1
                    return polls > 5
                })) == .interrupted)
        #expect(d.events.count == 5)
        #expect(try d.loop.runUntilIdle(limit: .init(time: 25_000)) == .timeLimit)
        #expect(d.events.count == 7)
        #expect(d.now == 75_000)
    }

    // MARK: Tasks

    @Test func tasksRunByPriorityBeforeTimers() throws {
        let d = try Device()
        try d.L.run(
            """
            tmr.create():alarm(1, tmr.ALARM_SINGLE, function() log('timer') end)
            node.task.post(node.task.LOW_PRIORITY, function(p) log('low1', p) end)
            node.task.post(function(p) log('medium', p) end)
            node.task.post(node.task.HIGH_PRIORITY, function(p)
              log('high', p)
              -- posted during the turn: runs at the next one, before any timer
              node.task.post(node.task.HIGH_PRIORITY, function() log('again') end)
            end)
            node.task.post(node.task.LOW_PRIORITY, function() log('low2') end)
            """)
        #expect(d.loop.pendingTasks == 4)
        #expect(d.loop.nextDueTime == d.loop.clock.now())
        #expect(try d.loop.runDue() == 4)
        #expect(d.events == ["high 2", "medium 1", "low1 0", "low2"])
        #expect(d.loop.pendingTasks == 1)
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.events.suffix(2) == ["again", "timer"])
        #expect(
            try d.value("node.task.LOW_PRIORITY, node.task.MEDIUM_PRIORITY, node.task.HIGH_PRIORITY") == [
                .integer(0), .integer(1), .integer(2),
            ])
    }

    @Test func aTaskRepostingItselfDoesNotStarveTimers() throws {
        let d = try Device()
        try d.L.run(
            """
            n = 0
            local function spin() n = n + 1 node.task.post(spin) end
            node.task.post(spin)
            tmr.create():alarm(5, tmr.ALARM_SINGLE, function() log('timer at', n) end)
            """)
        #expect(try d.loop.runUntilIdle(limit: .init(callbacks: 100)) == .callbackLimit)
        // Each task takes 100 µs of virtual time: the 50th ends at 5 ms, and the timer follows.
        #expect(d.events == ["timer at 50"])
        #expect(d.loop.pendingTasks == 1)
        // Free tasks: virtual time stands still while one spins.
        d.loop.virtualTaskTime = 0
        let before = d.now
        #expect(try d.loop.runUntilIdle(limit: .init(callbacks: 100)) == .callbackLimit)
        #expect(d.now == before)
    }

    @Test func taskQueueCapacityModelsTheChipsOverflow() throws {
        let d = try Device()
        d.loop.taskQueueCapacity = 2
        let r = try d.L.run(
            """
            local f = function() end
            node.task.post(f) node.task.post(f)
            node.task.post(node.task.HIGH_PRIORITY, f)
            return pcall(node.task.post, f)
            """)
        #expect(r == [.boolean(false), .string("Task queue overflow. Task not posted")])
        #expect(d.loop.pendingTasks == 3)
    }

    @Test func nodeTaskJoinsAnExistingNodeTable() throws {
        var host = HostServices()
        var device = DeviceServices()
        device.clock = .virtual()
        let L = try LuaState(host: host)
        L.device = device
        try L.run("node = { heap = function() return 1 end }")
        let loop = EventLoop(clock: device.clock)
        try L.openTimerLibrary(loop: loop)
        #expect(try L.run("return node.heap(), type(node.task.post)") == [.integer(1), .string("function")])
    }

    // MARK: Errors and restarts

    @Test func callbackErrorsAreReportedAndTheLoopGoesOn() throws {
        let d = try Device()
        try d.L.run(
            """
            n = 0
            tmr.create():alarm(10, tmr.ALARM_AUTO, function(t)
              n = n + 1
              if n == 2 then error('bad tick') end
              if n == 3 then local x = nil; x.y = 1 end
              if n == 4 then error(setmetatable({}, { __tostring = function() return 'custom' end })) end
              if n == 5 then error({}) end
              if n == 6 then t:unregister() end
            end, nil)
            node.task.post(function() error('task failed') end)
            """,
            chunkName: "@init.lua")
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(try d.value("n") == [.integer(6)])
        #expect(d.errors.count == 5)
        #expect(
            d.errors[0].hasPrefix(
                "init.lua:10: task failed\nstack traceback:\n\t[C]: in function 'error'\n\tinit.lua:10: in function <init.lua:10>"))
        #expect(d.errors[1].hasPrefix("init.lua:4: bad tick\nstack traceback:"))
        #expect(d.errors[2].hasPrefix("init.lua:5: attempt to index a nil value (local 'x')\nstack traceback:"))
        #expect(d.errors[3] == "custom")
        #expect(d.errors[4].hasPrefix("(error object is a table value)\nstack traceback:\n\t[C]: in function 'error'"))
        #expect(d.loop.callbacksRun == 7)
    }

    @Test func defaultErrorReportWritesToHostError() throws {
        let d = try Device(collectErrors: false)
        try d.L.run("node.task.post(function() error('oops', 0) end)")
        try d.loop.runUntilIdle()
        let text = String(decoding: d.errorOutput, as: UTF8.self)
        #expect(text.hasPrefix("lua: oops\nstack traceback:\n"))
        #expect(text.hasSuffix("\n"))
    }

    @Test func memoryErrorsAreReportedLikeOthers() throws {
        let d = try Device(heapLimit: 400_000)
        try d.L.run(
            """
            tmr.create():alarm(10, tmr.ALARM_SINGLE, function() local t = {} for i = 1, 1e7 do t[i] = i end end)
            tmr.create():alarm(20, tmr.ALARM_SINGLE, function() log('still running') end)
            """)
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(d.errors == ["not enough memory"])
        #expect(d.events == ["still running"])
    }

    @Test func restartPropagatesOutOfTheLoop() throws {
        let d = try Device()
        try d.L.register(d.L.globals, [("restart", { _ throws(LuaError) in throw LuaError(.restart, .nil) })])
        try d.L.run(
            """
            tmr.create():alarm(10, tmr.ALARM_SINGLE, function() log('before') pcall(restart) log('after') end)
            tmr.create():alarm(20, tmr.ALARM_SINGLE, function() log('later') end)
            """)
        let top = d.L.current.top
        do {
            try d.loop.runUntilIdle()
            Issue.record("expected a restart")
        } catch {
            #expect(error.kind == .restart)
        }
        #expect(d.events == ["before"])
        #expect(d.errors.isEmpty)
        #expect(d.L.current.top == top, "the stack is as the host left it")
        // The state stays usable (the host may still inspect it); the other timer is pending.
        #expect(d.loop.runningTimers == 1)
    }

    @Test func nodeRestartInACallbackReachesTheHostThroughOpenDeviceLibraries() throws {
        var host = HostServices()
        var device = DeviceServices()
        device.clock = .virtual()
        let L = try LuaState(host: host)
        L.device = device
        let loop = try L.openDeviceLibraries()
        #expect(
            try L.run("return type(node.heap), type(node.task.post), type(tmr.create)") == [
                .string("function"), .string("function"), .string("function"),
            ])
        try L.run("tmr.create():alarm(10, tmr.ALARM_SINGLE, function() pcall(node.restart) end)")
        do {
            try loop.runUntilIdle()
            Issue.record("expected a restart")
        } catch {
            #expect(error.kind == .restart)
        }
        #expect(loop.uptime == 10_000)
    }

    @Test func softWatchdogRestartsUnlessFedOrDisarmed() throws {
        let d = try Device()
        try d.L.run("tmr.softwd(5)")
        #expect(!d.loop.isIdle)
        #expect(throws: LuaError.self) { try d.loop.runUntilIdle() }
        #expect(d.now == 5_000_000)
        // Re-armed by a timer every 3 s, then disarmed: no restart, and the loop goes idle.
        try d.L.run(
            """
            tmr.softwd(5)
            n = 0
            tmr.create():alarm(3000, tmr.ALARM_AUTO, function(t)
              n = n + 1
              if n < 4 then tmr.softwd(5) else tmr.softwd(-1) t:unregister() end
            end)
            """)
        #expect(try d.loop.runUntilIdle() == .idle)
        #expect(try d.value("n") == [.integer(4)])
    }

    // MARK: Memory

    @Test func timersAreCollectedOnceUnreachableAndNotRunning() throws {
        let d = try Device()
        let f = "function() end"
        // Warm up (strings, the anchor tables' first sizes) before the baseline.
        try d.L.run("local t = tmr.create() t:alarm(1, tmr.ALARM_SINGLE, \(f)) t:stop() node.task.post(\(f))")
        try d.loop.runUntilIdle()
        d.L.collectGarbage()
        let baseline = d.L.totalBytes
        try d.L.run(
            """
            for i = 1, 500 do
              local t = tmr.create()
              -- Each callback captures i, so each timer holds its own closure (a callback
              -- capturing nothing that changes is one cached closure, lvm.c getcached).
              if i % 3 == 0 then t:register(100, tmr.ALARM_AUTO, function() log('never', i) end) end
              if i % 3 == 1 then t:alarm(100, tmr.ALARM_SINGLE, function() return i end) t:unregister() end
              if i % 3 == 2 then t:alarm(100, tmr.ALARM_SEMI, function() return i end) t:stop() end
            end
            """)
        #expect(d.L.totalBytes > baseline + 20_000)
        d.L.collectGarbage()
        #expect(d.L.totalBytes < baseline + 2_000, "heap \(d.L.totalBytes) vs baseline \(baseline)")
        #expect(d.loop.isIdle)
    }

    @Test func runningTimersAndTasksStayAliveUntilDone() throws {
        let d = try Device()
        try d.L.run(
            """
            function burst()
              for i = 1, 200 do
                local payload = string.rep('x', 100) .. i
                tmr.create():alarm(i, tmr.ALARM_SINGLE, function(t) log(#payload) end)
                node.task.post(function() log(#payload) end)
              end
            end
            """)
        // The first burst sizes the anchor table (which, like NodeMCU's registry, keeps its
        // size); a second burst must come back to the same heap.
        var levels: [Int] = []
        for _ in 1...2 {
            try d.L.run("events = {} burst()")
            // Unreachable from Lua, but running or posted: a full collection keeps them.
            d.L.collectGarbage()
            #expect(try d.loop.runUntilIdle() == .idle)
            #expect(d.events.count == 400)
            #expect(Set(d.events) == ["101", "102", "103"])
            try d.L.run("events = {}")
            d.L.collectGarbage()
            levels.append(d.L.totalBytes)
        }
        #expect(levels[1] <= levels[0], "heap levels \(levels)")
    }

    @Test func aStateOutlivingItsLoopFailsCleanly() throws {
        var host = HostServices()
        var device = DeviceServices()
        device.clock = .virtual()
        let L = try LuaState(host: host)
        L.device = device
        do {
            let loop = EventLoop(clock: device.clock)
            try L.openTimerLibrary(loop: loop)
            try L.run("t = tmr.create() t:alarm(5, tmr.ALARM_AUTO, function() end)")
        }
        #expect(throws: LuaScriptError.self) { try L.run("t:stop()") }
        let r = try L.run("return pcall(tmr.create)")
        #expect(r == [.boolean(false), .string("the device's event loop is gone")])
    }

    // MARK: The real clock

    @Test func systemClockIsMonotonicAndSleeps() {
        let clock = DeviceClock.system()
        #expect(!clock.isVirtual)
        let start = clock.now()
        clock.wait(start + 3_000)
        let end = clock.now()
        #expect(end - start >= 3_000)
        #expect(end - start < 1_000_000)
        clock.wait(start)  // a time already passed returns at once
        #expect(clock.now() - end < 1_000_000)
    }
}
