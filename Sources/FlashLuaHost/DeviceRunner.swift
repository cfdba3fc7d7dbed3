import FlashLua

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `flashlua --device DIR`: a NodeMCU device whose flash (DIR/flash.bin) and file system
/// (DIR/fs) persist between runs. Boots as NodeMCU does (pending LFS reload and partition
/// change, then init.lua or init.lc in protected mode), runs timers and tasks, offers the serial
/// console with -i, restarts in place on node.restart/node.LFS.reload, and stops a device that
/// restarts itself in a loop.
public final class DeviceRunner {
    public struct Options {
        public var directory: String
        /// Free heap after boot: an ESP8266 running NodeMCU has about 44 KB.
        public var heapBudget = 44 * 1024
        public var flashSize = defaultFlashSize
        public var virtualTime = false
        public var interactive = false
        /// Stop after this many microseconds of device time once booted (nil: run until idle).
        public var runFor: Int64? = nil
        public init(directory: String) { self.directory = directory }
    }

    /// Restarts this soon after boot (device time) count towards a restart loop.
    static let quickRestart: Int64 = 2_000_000
    static let restartLoopLimit = 5

    let options: Options
    let store: FlashFileStore
    let fileSystemFolder: String
    private var console = DeviceConsole()
    private var input = ConsoleInput()

    public init(options: Options) throws(FlashError) {
        self.options = options
        _ = mkdir(options.directory, 0o755)
        fileSystemFolder = options.directory + "/fs"
        _ = mkdir(fileSystemFolder, 0o755)
        store = try FlashFileStore(path: options.directory + "/flash.bin", size: options.flashSize)
    }

    enum BootOutcome {
        case halted(Int32)
        case restart(uptime: Int64)
    }

    /// Device time of the boots before this one: --run-for counts the device's time, restarts
    /// included.
    private var earlierUptime: Int64 = 0

    /// Boots until the device halts (console closed, nothing left to do); the exit status.
    public func run() -> Int32 {
        var quickRestarts = 0
        while true {
            switch bootOnce() {
            case .halted(let status): return status
            case .restart(let uptime):
                earlierUptime += uptime
                if let runFor = options.runFor, earlierUptime >= runFor { return 0 }
                quickRestarts = uptime < Self.quickRestart ? quickRestarts + 1 : 0
                if quickRestarts >= Self.restartLoopLimit {
                    say("restart loop: the device restarted \(quickRestarts) times within 2 s of booting; stopped")
                    return 1
                }
                say("restarting")
            }
        }
    }

    private func say(_ text: String) {
        HostPlatform.writeStandardOutput(text + "\n")
        HostPlatform.flushStandardOutput()
    }

    private func services() throws(FolderFileSystem.FolderError) -> HostServices {
        var host = HostPlatform.services()
        let files = try FolderFileSystem.make(
            folder: fileSystemFolder, capacity: store.table.spiffsSize, partitionAddress: store.table.spiffsAddress)
        host.device.fileSystem = files
        // dofile, loadfile and require read the device's file system.
        host.readFile = { name in
            guard let name else { return .failure("No such file or directory") }
            do throws(DeviceFileError) {
                return .bytes(try files.contents(of: name))
            } catch {
                return .failure(error.message)
            }
        }
        host.canOpenFile = { name in (try? files.exists(name)) ?? false }
        host.writeFile = { name, bytes in
            do throws(DeviceFileError) {
                try files.replaceContents(of: name, with: bytes)
                return nil
            } catch {
                return error.message
            }
        }
        host.flashStore = store.services()
        host.device.chip.flashSize = options.flashSize
        host.device.clock = options.virtualTime ? .virtual() : .system()
        let store = self.store
        host.device.partitionTable = { store.table }
        host.device.setPartitionTable = { store.stagePartitionTable($0) }
        return host
    }

    private func bootOnce() -> BootOutcome {
        for note in store.boot() { say(note) }
        let L: LuaState
        let loop: EventLoop
        do {
            L = try LuaState(heapLimit: Int.max, host: try services(), flashImage: store.image)
            L.writeOutput = HostPlatform.writeStandardOutput
            loop = try L.openDeviceLibraries()
            try L.run("package.path = '?.lua;?.lc'")
        } catch {
            say("cannot start the device: \(error)")
            return .halted(1)
        }
        loop.onError = { message in
            HostPlatform.writeStandardOutput(message + "\n")
            HostPlatform.flushStandardOutput()
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
            "\nNodeMCU (FlashLua device model), heap \(L.heapLimit - L.totalBytes), LFS: \(store.image.map { "\($0.moduleCount) modules" } ?? "empty")"
        )

        func restart() -> BootOutcome { .restart(uptime: loop.uptime) }
        do {
            let boot = ["init.lua", "init.lc"].first { L.host.canOpenFile?($0) ?? false }
            if let boot {
                do {
                    try L.runFile(boot)
                } catch {
                    if error.kind == .restartRequested { return restart() }
                    say(error.message + (error.traceback.map { "\n" + $0 } ?? ""))
                }
            } else {
                say("lua: cannot open init.lua")
            }
            HostPlatform.flushStandardOutput()
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

    /// The serial console: lines from standard input, events in between; at the end of input
    /// the device runs until idle. True when a restart was requested.
    private func consoleLoop(_ L: LuaState, _ loop: EventLoop) throws(LuaError) -> Bool {
        while true {
            do {
                _ = try loop.runDue()
            } catch {
                if error.kind == .restart { return true }
                throw error
            }
            HostPlatform.writeStandardOutput(console.prompt)
            HostPlatform.flushStandardOutput()
            // Wait for a line, but no longer than the next timer (real time).
            var line: String? = nil
            var ended = false
            while true {
                let wait = options.virtualTime ? -1 : millisecondsUntilNextEvent(loop)
                switch input.readLine(timeoutMilliseconds: wait) {
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
                HostPlatform.writeStandardOutput("\n")
                return try runEvents(loop)
            }
            do {
                try console.enter(line ?? "", in: L)
            } catch {
                if error.kind == .restartRequested { return true }
            }
            HostPlatform.flushStandardOutput()
        }
    }
}

/// How long the console may wait for input before a timer is due (-1: no timer running).
func millisecondsUntilNextEvent(_ loop: EventLoop) -> Int {
    guard let due = loop.nextDueTime else { return -1 }
    return Int(max(0, (due - loop.clock.now() + 999) / 1000))
}

/// Lines from standard input read through the descriptor (not stdio), so waiting for input can
/// be bounded by the next timer with poll.
struct ConsoleInput {
    enum Read {
        case line(String)
        case timeout
        case end
    }

    private var buffer: [UInt8] = []
    private var atEnd = false

    /// A negative timeout waits for as long as it takes.
    mutating func readLine(timeoutMilliseconds: Int) -> Read {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            if atEnd {
                if buffer.isEmpty { return .end }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer = []
                return .line(line)
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: timeoutMilliseconds))
            if ready == 0 { return .timeout }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, 4096) }
            if n <= 0 {
                atEnd = true
            } else {
                buffer += chunk[0..<n]
            }
        }
    }
}
