import FlashLua
import FlashLuaHost
import FlashLuaNodeMCU

/// `flashlua`: lua5.3's command line, plus FlashLua's own options before the script:
///   --heap SIZE   bound the Lua heap (e.g. 44k, 2m)
///   --numbers 32|64  the number model: 32 computes with NodeMCU's ESP8266 32-bit integers and
///                 floats, 64 (the default) is lua5.3's 64-bit integers and doubles
///   --lfs IMAGE   map an LFS image read-only and run with it (node.LFS, require finds its modules)
///   --lfs-first   the LFS searcher comes before the file searcher
///   --flash FILE  boot from a flash file (created with NodeMCU's partitions when missing): its
///                 LFS partition is mapped read-only; node.LFS.reload stages an image, and the
///                 restart writes it (failsafe) and boots it
///   --device DIR  run a NodeMCU device whose flash and file system live in DIR (see DeviceRunner):
///                 [--heap SIZE] free heap after boot (default 44k), [--flash-size SIZE] (4m),
///                 [--numbers 32|64] the number model (default 32, the ESP8266's),
///                 [--virtual-time] timers fire without waiting, [--run-for SECONDS] of device
///                 time, [-i] the serial console
var arguments = CommandLine.arguments
var heapLimit = Int.max
var lfsImagePath: String? = nil
var flashPath: String? = nil
var lfsFirst = false
var numbers = NumberModel.int64Double

func fail(_ message: String) -> Never {
    HostPlatform.writeStandardError("flashlua: \(message)\n")
    HostPlatform.exit(1)
}

/// FlashLua's own options that take a value (their values are not the script name).
let optionsWithValue: Set<String> = ["--device", "--heap", "--lfs", "--flash", "--numbers"]

/// Removes `option` (and its value when it takes one) if it comes before the script name, in
/// any order among FlashLua's options.
func takeOption(_ option: String, withValue: Bool, from arguments: inout [String]) -> String?? {
    var firstOperand = Int.max
    var k = 1
    while k < arguments.count {
        if optionsWithValue.contains(arguments[k]) {
            k += 2
        } else if arguments[k].hasPrefix("-") {
            k += 1
        } else {
            firstOperand = k
            break
        }
    }
    guard let i = arguments.firstIndex(of: option), i < firstOperand else { return nil }
    if !withValue {
        arguments.remove(at: i)
        return .some(nil)
    }
    guard i + 1 < arguments.count else { fail("'\(option)' needs an argument") }
    let value = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
    return .some(value)
}

func numberModel(_ value: String) -> NumberModel {
    switch value {
    case "32": return .int32Float
    case "64": return .int64Double
    default: fail("invalid number model '\(value)' (32: NodeMCU's 32-bit integers and floats, 64: lua5.3's)")
    }
}

if case let directory?? = takeOption("--device", withValue: true, from: &arguments) {
    var options = DeviceRunner.Options(directory: directory)
    var rest = Array(arguments.dropFirst())
    while let option = rest.first {
        rest.removeFirst()
        func value() -> String {
            guard let v = rest.first else { fail("'\(option)' needs an argument") }
            rest.removeFirst()
            return v
        }
        switch option {
        case "--heap":
            let text = value()
            guard let size = HostPlatform.parseSize(text) else { fail("invalid heap size '\(text)' (examples: 44k, 80k)") }
            options.heapBudget = size
        case "--flash-size":
            let text = value()
            guard let size = HostPlatform.parseSize(text), size % flashSectorSize == 0, size >= 1024 * 1024 else {
                fail("invalid flash size '\(text)' (a multiple of 4k, at least 1m; e.g. 4m)")
            }
            options.flashSize = size
        case "--virtual-time": options.virtualTime = true
        case "--run-for":
            let text = value()
            guard let seconds = Double(text), seconds >= 0 else { fail("invalid duration '\(text)' (seconds, e.g. 3600)") }
            options.runFor = Int64(seconds * 1_000_000)
        case "-i": options.interactive = true
        case "--numbers": options.numbers = numberModel(value())
        default:
            fail(
                "unknown device option '\(option)' (device options: --heap SIZE, --flash-size SIZE, --numbers 32|64, --virtual-time, --run-for SECONDS, -i)"
            )
        }
    }
    let runner: DeviceRunner
    do {
        runner = try DeviceRunner(options: options)
    } catch {
        fail(error.message)
    }
    HostPlatform.exit(runner.run())
}

if case let value?? = takeOption("--heap", withValue: true, from: &arguments) {
    guard let size = HostPlatform.parseSize(value) else { fail("invalid heap size '\(value)' (examples: 44k, 512k, 2m)") }
    heapLimit = size
}
if case let value?? = takeOption("--numbers", withValue: true, from: &arguments) { numbers = numberModel(value) }
if case let value?? = takeOption("--lfs", withValue: true, from: &arguments) { lfsImagePath = value }
if case .some = takeOption("--lfs-first", withValue: false, from: &arguments) { lfsFirst = true }
if case let value?? = takeOption("--flash", withValue: true, from: &arguments) { flashPath = value }
if lfsImagePath != nil && flashPath != nil { fail("use either --lfs IMAGE or --flash FILE, not both") }

// lua.c: progname is argv[0] as given (a path too), LUA_PROGNAME when argv[0] is empty.
let programName = arguments.first.flatMap { $0.isEmpty ? nil : $0 } ?? "flashlua"
var interpreter = StandaloneInterpreter(
    programName: programName, host: HostPlatform.services(), writeOutput: HostPlatform.writeStandardOutput)
interpreter.heapLimit = heapLimit
interpreter.numbers = numbers
interpreter.flushOutput = HostPlatform.flushStandardOutput
interpreter.standardInputIsTerminal = HostPlatform.standardInputIsTerminal
interpreter.readLine = { prompt in
    HostPlatform.writeStandardOutput(prompt)
    HostPlatform.flushStandardOutput()
    return HostPlatform.readLine()
}
interpreter.exitProcess = { code in HostPlatform.exit(code) }

if let flashPath {
    let store: FlashFile
    do {
        store = try FlashFile(path: flashPath)
    } catch {
        fail(error.message)
    }
    interpreter.lfsFirst = lfsFirst
    for note in store.boot() { HostPlatform.writeStandardError("flashlua: \(note)\n") }
    interpreter.flashImage = store.image
    interpreter.lfs = store.services()
    switch interpreter.start(arguments) {
    case .exit(let status): HostPlatform.exit(status)
    case .restart:
        // As a chip reboots after a reload: the staged image is written and booted; with no
        // init.lua to run (that is the device's job, --device), the run ends there.
        for note in store.boot() { HostPlatform.writeStandardError("flashlua: \(note)\n") }
        let modules = store.image?.moduleCount ?? 0
        HostPlatform.writeStandardError("flashlua: restarted with an LFS image of \(modules) module\(modules == 1 ? "" : "s")\n")
        HostPlatform.exit(0)
    }
}

var mappedImage: MappedImageFile? = nil
if let lfsImagePath {
    do {
        mappedImage = try MappedImageFile(path: lfsImagePath)
    } catch {
        fail(error.message)
    }
    interpreter.flashImage = mappedImage?.image
    interpreter.lfsFirst = lfsFirst
    var lfs = LFSServices()
    lfs.partitionSize = mappedImage?.image.size ?? 0
    interpreter.lfs = lfs
}
switch interpreter.start(arguments) {
case .exit(let status): HostPlatform.exit(status)
case .restart:
    // A mapped image file has no flash behind it to reload into; a restart ends the run.
    HostPlatform.exit(0)
}
