import FlashLua
import FlashLuaCore

/// What a NodeMCU device needs from the machine under it: a desktop supplies a flash file, a
/// folder and standard input (FlashLuaHost's DeviceRunner); a chip would supply its drivers.
/// Used as a generic constraint, never as an existential.
public protocol DevicePlatform {
    /// Performs what the last run staged (a partition table, an LFS image, written with the
    /// failsafe protocol) and mounts the current image; notes for the console.
    mutating func bootFlash() -> [String]
    /// The LFS image the last `bootFlash` mounted.
    var image: FlashImage? { get }
    /// Host services (file access reads the device's file system), the device's own and the
    /// LFS partition's, made anew for each boot.
    mutating func services() throws(DeviceStartError) -> (HostServices, DeviceServices, LFSServices)
    /// The serial console's output.
    func write(_ bytes: UnsafeBufferPointer<UInt8>)
    func flush()
    /// The next console line, waiting at most `timeoutMilliseconds` (negative: no limit).
    mutating func readLine(timeoutMilliseconds: Int) -> ConsoleRead
}

extension DevicePlatform {
    func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }
}

/// Why a device could not start (its file system or flash is unusable).
public struct DeviceStartError: Error {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// One read of console input.
public enum ConsoleRead {
    case line(String)
    case timeout
    case end
}

/// NodeMCU's boot policy, as the firmware runs it on a chip: a staged partition table or LFS
/// reload is written, the heap budget starts once the libraries are open (NodeMCU keeps them in
/// ROM), init.lua (or init.lc) runs in protected mode, then timers and tasks (and the console)
/// run on the event loop; a restart (node.restart, a good node.LFS.reload) boots a fresh state
/// on the same flash and files, and a device that restarts itself in a loop is stopped.
public final class NodeMCUDevice<Platform: DevicePlatform> {
    public struct Options {
        /// Free heap after boot: an ESP8266 running NodeMCU has about 44 KB.
        public var heapBudget = 44 * 1024
        public var virtualTime = false
        public var interactive = false
        /// Stop after this many microseconds of device time once booted (nil: run until idle).
        public var runFor: Int64? = nil
        /// The chip's number model: the ESP8266 default build's 32-bit integers and floats.
        public var numbers = NumberModel.int32Float
        public init() {}
    }

    /// Restarts asked for this soon after boot (device time) count towards a restart loop: a
    /// node.restart, or an error whose default handler restarts 2 s later (an init.lua whose
    /// timer fails at every boot loops on a chip; here it is stopped).
    static var quickRestart: Int64 { 2_000_000 }
    static var restartLoopLimit: Int { 5 }

    public private(set) var platform: Platform
    let options: Options
    private var console = DeviceConsole()
    /// Device time of the boots before this one: --run-for counts the device's time, restarts
    /// included.
    private var earlierUptime: Int64 = 0

    public init(platform: Platform, options: Options) {
        self.platform = platform
        self.options = options
    }

    enum BootOutcome {
        case halted(Int32)
        /// `uptime` when the device restarted, `requestedAt` when that restart was asked for.
        case restart(uptime: Int64, requestedAt: Int64)
    }

    /// Boots until the device halts (console closed, nothing left to do); the exit status.
    public func run() -> Int32 {
        var quickRestarts = 0
        while true {
            switch bootOnce() {
            case .halted(let status): return status
            case .restart(let uptime, let requestedAt):
                earlierUptime += uptime
                if let runFor = options.runFor, earlierUptime >= runFor { return 0 }
                quickRestarts = requestedAt < Self.quickRestart ? quickRestarts + 1 : 0
                if quickRestarts >= Self.restartLoopLimit {
                    say("restart loop: the device asked to restart \(quickRestarts) times in a row within 2 s of booting; stopped")
                    return 1
                }
                say("restarting")
            }
        }
    }

    private func say(_ text: String) {
        platform.write(text + "\n")
        platform.flush()
    }

    private func bootOnce() -> BootOutcome {
        for note in platform.bootFlash() { say(note) }
        let L: LuaState
        let loop: EventLoop
        let services: (HostServices, DeviceServices, LFSServices)
        do throws(DeviceStartError) {
            services = try platform.services()
        } catch {
            say("cannot start the device: \(error.message)")
            return .halted(1)
        }
        do throws(LuaError) {
            // The one place the device makes its Lua state, in the chip's number model.
            L = try LuaState(heapLimit: Int.max, host: services.0, flashImage: platform.image, numbers: options.numbers)
            let platform = self.platform
            L.writeOutput = { bytes in platform.write(bytes) }
            loop = try L.openDeviceLibraries(services.1, lfs: services.2)
        } catch {
            say("cannot start the device: \(error)")
            return .halted(1)
        }
        defer { L.close() }
        // Objects cost what they cost on the chip (32-bit NodeMCU layouts, docs/HEAP-MODEL.md),
        // and NodeMCU's libraries live in ROM: the budget is what is free once they are set up.
        L.heapModel = .nodeMCU32
        L.collectGarbage()
        L.heapBaseline = L.totalBytes
        L.collectGarbage()
        L.heapLimit = L.totalBytes + options.heapBudget
        say(
            "\nNodeMCU (FlashLua device model), heap \(L.heapLimit - L.totalBytes), LFS: \(self.platform.image.map { "\($0.moduleCount) modules" } ?? "empty")"
        )

        func restart() -> BootOutcome { .restart(uptime: loop.uptime, requestedAt: loop.errorRestartArmedAt ?? loop.uptime) }
        do throws(LuaError) {
            let boot = ["init.lua", "init.lc"].first { L.host.canOpenFile?($0) ?? false }
            if let boot {
                do throws(LuaError) {
                    try L.runBootFile(boot)
                } catch {
                    if error.kind == .restart { return restart() }
                    throw error
                }
            } else {
                // lua.c runs "@init.lua" and prints luaL_loadfile's message (strerror is "").
                say("cannot open init.lua: ")
            }
            self.platform.flush()
            if options.interactive {
                return try consoleLoop(L, loop) ? restart() : .halted(0)
            }
            return try runEvents(loop) ? restart() : .halted(0)
        } catch {
            say(error.kind == .memory ? "not enough memory" : "device error (\(error.kind))")
            return .halted(1)
        }
    }

    /// Runs timers and tasks until nothing is pending; true when a restart was requested.
    private func runEvents(_ loop: EventLoop) throws(LuaError) -> Bool {
        do {
            let remaining = options.runFor.map { max(0, $0 - earlierUptime - loop.uptime) }
            _ = try loop.runUntilIdle(limit: EventLoop.Limit(time: remaining))
        } catch {
            if error.kind == .restart { return true }
            throw error
        }
        return false
    }

    /// The serial console: lines of input, events in between; at the end of input the device
    /// runs until idle. True when a restart was requested.
    private func consoleLoop(_ L: LuaState, _ loop: EventLoop) throws(LuaError) -> Bool {
        while true {
            do {
                _ = try loop.runDue()
                // What that turn posted (the report of an error in it, a high-priority task) runs
                // before the next line, as on the chip, where a line of input is a task too.
                if loop.pendingTasks > 0 { _ = try loop.runDue() }
            } catch {
                if error.kind == .restart { return true }
                throw error
            }
            platform.write(console.prompt)
            platform.flush()
            // Wait for a line, but no longer than the next timer (real time).
            var line: String? = nil
            var ended = false
            while true {
                let wait = options.virtualTime ? -1 : loop.millisecondsUntilNextEvent
                switch platform.readLine(timeoutMilliseconds: wait) {
                case .line(let text): line = text
                case .end: ended = true
                case .timeout:
                    do {
                        _ = try loop.runDue()
                    } catch {
                        if error.kind == .restart { return true }
                        throw error
                    }
                    continue
                }
                break
            }
            if ended {
                platform.write("\n")
                return try runEvents(loop)
            }
            do {
                try console.enter(line ?? "", in: L)
            } catch {
                if error.kind == .restartRequested { return true }
            }
            platform.flush()
        }
    }
}

extension EventLoop {
    /// How long the console may wait for input before a timer is due (-1: no timer running).
    public var millisecondsUntilNextEvent: Int {
        guard let due = nextDueTime else { return -1 }
        return Int(max(0, (due - clock.now() + 999) / 1000))
    }
}
