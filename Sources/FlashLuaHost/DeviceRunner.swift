import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `flashlua --device DIR`: a NodeMCU device whose flash (DIR/flash.bin) and file system
/// (DIR/fs) persist between runs. The boot policy is the device library's (NodeMCUDevice); this
/// is the desktop under it: the flash file, the folder, the system or a virtual clock, and
/// standard input and output as the serial port.
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
        /// The chip's number model (default: the ESP8266's 32-bit integers and floats).
        public var numbers = NumberModel.int32Float
        public init(directory: String) { self.directory = directory }
    }

    let device: NodeMCUDevice<DesktopDevicePlatform>

    public init(options: Options) throws(FlashError) {
        _ = mkdir(options.directory, 0o755)
        let fileSystemFolder = options.directory + "/fs"
        _ = mkdir(fileSystemFolder, 0o755)
        let flash = try FlashFile(path: options.directory + "/flash.bin", size: options.flashSize)
        var deviceOptions = NodeMCUDevice<DesktopDevicePlatform>.Options()
        deviceOptions.heapBudget = options.heapBudget
        deviceOptions.virtualTime = options.virtualTime
        deviceOptions.interactive = options.interactive
        deviceOptions.runFor = options.runFor
        deviceOptions.numbers = options.numbers
        let platform = DesktopDevicePlatform(
            flash: flash, fileSystemFolder: fileSystemFolder, flashSize: options.flashSize, virtualTime: options.virtualTime)
        device = NodeMCUDevice(platform: platform, options: deviceOptions)
    }

    /// Boots until the device halts (console closed, nothing left to do); the exit status.
    public func run() -> Int32 { device.run() }
}

/// The desktop under a device: a flash file, a folder as SPIFFS, stdin/stdout as the serial port.
struct DesktopDevicePlatform: DevicePlatform {
    let flash: FlashFile
    let fileSystemFolder: String
    let flashSize: Int
    let virtualTime: Bool
    private var input = ConsoleInput()

    init(flash: FlashFile, fileSystemFolder: String, flashSize: Int, virtualTime: Bool) {
        self.flash = flash
        self.fileSystemFolder = fileSystemFolder
        self.flashSize = flashSize
        self.virtualTime = virtualTime
    }

    mutating func bootFlash() -> [String] { flash.boot() }
    var image: FlashImage? { flash.image }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) { HostPlatform.writeStandardOutput(bytes) }
    func flush() { HostPlatform.flushStandardOutput() }
    mutating func readLine(timeoutMilliseconds: Int) -> ConsoleRead { input.readLine(timeoutMilliseconds: timeoutMilliseconds) }

    mutating func services() throws(DeviceStartError) -> (HostServices, DeviceServices, LFSServices) {
        var host = HostPlatform.services()
        var device = DeviceServices()
        let files: DeviceFileSystem
        do throws(FolderFileSystem.FolderError) {
            files = try FolderFileSystem.make(
                folder: fileSystemFolder, capacity: flash.table.spiffsSize, partitionAddress: flash.table.spiffsAddress)
        } catch {
            throw DeviceStartError("\(error)")
        }
        device.fileSystem = files
        // dofile, loadfile and require read the device's file system. No reason comes with a
        // failure: the firmware's lauxlib defines strerror(n) as "" on the chip, so its message
        // is "cannot open init.lua: ".
        host.readFile = { name in
            guard let name else { return .failure("") }
            do throws(DeviceFileError) {
                return .bytes(try files.contents(of: name))
            } catch {
                return .failure("")
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
        device.chip.flashSize = flashSize
        device.clock = virtualTime ? .virtual() : .system()
        let flash = self.flash
        device.partitionTable = { flash.table }
        device.setPartitionTable = { flash.stagePartitionTable($0) }
        return (host, device, flash.services())
    }
}

/// Lines from standard input read through the descriptor (not stdio), so waiting for input can
/// be bounded by the next timer with poll.
struct ConsoleInput {
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// A negative timeout waits for as long as it takes.
    mutating func readLine(timeoutMilliseconds: Int) -> ConsoleRead {
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
