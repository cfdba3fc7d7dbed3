import FlashLua
import FlashLuaHost

/// `flashlua`: lua5.3's command line, plus `--heap SIZE` (e.g. 44k, 2m) to bound the Lua heap.
var arguments = CommandLine.arguments
var heapLimit = Int.max
if let i = arguments.firstIndex(of: "--heap"), i + 1 < arguments.count,
    i < (arguments.firstIndex(where: { !$0.hasPrefix("-") && $0 != arguments[0] }) ?? Int.max)
{
    guard let size = parseSize(arguments[i + 1]) else {
        HostPlatform.writeStandardError("flashlua: invalid heap size '\(arguments[i + 1])' (examples: 44k, 512k, 2m)\n")
        HostPlatform.exit(1)
    }
    heapLimit = size
    arguments.removeSubrange(i...(i + 1))
}

func parseSize(_ text: String) -> Int? {
    var digits = text.lowercased()
    var multiplier = 1
    if digits.hasSuffix("k") {
        multiplier = 1024
        digits.removeLast()
    } else if digits.hasSuffix("m") {
        multiplier = 1024 * 1024
        digits.removeLast()
    }
    guard let n = Int(digits), n > 0 else { return nil }
    return n * multiplier
}

let programName = arguments.first.map { String($0.split(separator: "/").last ?? "flashlua") } ?? "flashlua"
var interpreter = StandaloneInterpreter(
    programName: programName, host: HostPlatform.services(), writeOutput: HostPlatform.writeStandardOutput)
interpreter.heapLimit = heapLimit
interpreter.flushOutput = HostPlatform.flushStandardOutput
interpreter.standardInputIsTerminal = HostPlatform.standardInputIsTerminal
interpreter.readLine = { prompt in
    HostPlatform.writeStandardOutput(prompt)
    HostPlatform.flushStandardOutput()
    return HostPlatform.readLine()
}
interpreter.exitProcess = { code in HostPlatform.exit(code) }
let status = interpreter.run(arguments)
HostPlatform.exit(status)
