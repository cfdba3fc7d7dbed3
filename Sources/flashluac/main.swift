import FlashLuaBytecode
import FlashLuaCompiler
import FlashLuaCore
import FlashLuaHost

/// `flashluac`: the FlashLua compiler, with luac.cross-style flags.
///   flashluac [-o out] [-s] [-p] [-l] [-v] file.lua ...
///   flashluac -f [-o lfs.img] [-s] [-m size] [--resource name=path] file.lua|file.lc ...
///   flashluac --info [--json] lfs.img
let usage = """
    usage: flashluac [options] [filenames]
    Available options are:
      -l       list (use -l -l for full listing)
      -o name  output to file 'name' (default is "luac.out")
      -p       parse only
      -s       strip debug information
      -v       show version information
      -f       build a Lua Flash Store image: one module per file, named by its base name
      -m size  with -f: refuse an image larger than size (e.g. 65536, 0x10000, 64k)
      --resource name=path
               with -f: store the file's bytes as a ROM string (node.LFS.resource(name))
      --info   describe an LFS image (--json for tools)
      --numbers 32|64
               the target's number model: 32 = NodeMCU's ESP8266 32-bit integers and floats
               (the default with --nodemcu, and what `flashlua --device` runs), 64 = lua5.3's
               (the default otherwise); numerals and constant folding follow it
      --nodemcu
               NodeMCU's formats for the ESP8266 (32-bit integers and floats): a .lc
               (format 10), or with -f a luac.cross LFS image (format 11)
      --number-64bits
               NodeMCU's LUA_NUMBER_64BITS build (64-bit integers and doubles); implies --nodemcu
      -i       with --nodemcu: the LFS lookup main (module names, build time) in a .lc too
      --loader-heap size
               with --nodemcu -f: heap the chip's loader may use for the strings (default 45k)
      --       stop handling options
      -        stop handling options and process stdin

    """

func fail(_ message: String) -> Never {
    HostPlatform.writeStandardError("flashluac: \(message)\n")
    HostPlatform.exit(1)
}

/// argv[0] as given: luac.cross names itself so in its messages.
let programName = CommandLine.arguments.first ?? "flashluac"
/// Invoked as `luac.cross` (e.g. a symlink): NodeMCU output and luac.cross's defaults.
let invokedAsLuacCross = programName.split(separator: "/").last.map(String.init) == "luac.cross"
if invokedAsLuacCross { runLuacCross(Array(CommandLine.arguments.dropFirst())) }

var listingLevel = 0
var output = "luac.out"
var parseOnly = false
var strip = false
var files: [String] = []
var buildImage = false
var maxImageSize: Int? = nil
var resources: [(name: String, path: String)] = []
var describeImage = false
var json = false
var nodeMCU = NodeMCUOptions()
var nodeMCUMode = false
/// The model of FlashLua's own outputs (lua5.3 chunks, FlashLua images); nil: 64 (or NodeMCU's default).
var numbers: NumberModel? = nil
var args = Array(CommandLine.arguments.dropFirst())
var i = 0
var optionsDone = false
while i < args.count {
    let a = args[i]
    if optionsDone || !a.hasPrefix("-") || a == "-" {
        files.append(a)
    } else {
        switch a {
        case "--": optionsDone = true
        case "-l": listingLevel += 1
        case "-o":
            i += 1
            guard i < args.count, !args[i].hasPrefix("-") || args[i] == "-" else { fail("'-o' needs argument\n" + usage) }
            output = args[i]
        case "-p": parseOnly = true
        case "-f": buildImage = true
        case "-m":
            i += 1
            guard i < args.count, let size = HostPlatform.parseSize(args[i]) else {
                fail("'-m' needs a size (e.g. 65536, 0x10000, 64k)\n" + usage)
            }
            maxImageSize = size
        case "--resource":
            i += 1
            guard i < args.count, let eq = args[i].firstIndex(of: "="), eq != args[i].startIndex else {
                fail("'--resource' needs name=path\n" + usage)
            }
            resources.append((String(args[i][..<eq]), String(args[i][args[i].index(after: eq)...])))
        case "--numbers":
            i += 1
            switch i < args.count ? args[i] : "" {
            case "32": numbers = .int32Float
            case "64": numbers = .int64Double
            default: fail("'--numbers' needs 32 or 64\n" + usage)
            }
        case "--nodemcu": nodeMCUMode = true
        case "--number-64bits":
            nodeMCUMode = true
            nodeMCU.numbers = .int64Double
        case "-i": nodeMCU.lookup = true
        case "--loader-heap":
            i += 1
            guard i < args.count, let size = HostPlatform.parseSize(args[i]) else { fail("'--loader-heap' needs a size\n" + usage) }
            nodeMCU.limits.loaderHeapBytes = size
        case "--info": describeImage = true
        case "--json": json = true
        case "-s": strip = true
        case "-v":
            HostPlatform.writeStandardOutput("FlashLua compiler 0.1 (Lua 5.3 bytecode)\n")
            HostPlatform.flushStandardOutput()
        default: fail("unrecognized option '\(a)'\n" + usage)
        }
    }
    i += 1
}
if describeImage {
    guard files.count == 1 else { fail("--info needs exactly one image file\n" + usage) }
    describe(imageAt: files[0], json: json)
    HostPlatform.exit(0)
}
if files.isEmpty {
    if CommandLine.arguments.contains("-v") { HostPlatform.exit(0) }
    fail("no input files given\n" + usage)
}

if nodeMCUMode {
    if let numbers { nodeMCU.numbers = numbers }
    nodeMCU.image = buildImage
    nodeMCU.strip = strip
    nodeMCU.listingLevel = listingLevel
    nodeMCU.parseOnly = parseOnly
    nodeMCU.output = output
    if let maxImageSize { nodeMCU.maxImageSize = maxImageSize }
    runNodeMCU(files: files, nodeMCU)
}

/// An input file as luaL_loadfile reads it: its bytes, chunk name ("@file" or "=stdin") and
/// where the chunk starts (past a byte-order mark and a '#' first line, its newline kept).
func readInput(_ file: String, orFail fail: (String) -> Never) -> (bytes: [UInt8], chunkName: [UInt8], start: Int) {
    let name = file == "-" ? nil : file
    guard case .bytes(let bytes) = HostPlatform.readWholeFile(name) else { fail("cannot open \(file)") }
    let chunkName = Array((name.map { "@" + $0 } ?? "=stdin").utf8)
    return (bytes, chunkName, bytes.withUnsafeBufferPointer { LuaState.chunkStart(inFile: $0) })
}

let targetNumbers = numbers ?? .int64Double
var compiled: [FunctionDescription] = []
for file in files {
    let (bytes, chunkName, start) = readInput(file, orFail: fail)
    if start < bytes.count && bytes[start] == 0x1B {
        do {
            let function = try bytes.withUnsafeBufferPointer { b throws(ChunkLoadError) in
                let chunk = UnsafeBufferPointer(rebasing: b[start...])
                return NodeMCUChunk.isChunk(chunk)
                    ? try NodeMCUChunk.undump(chunk, chunkName: chunkName).function
                    : try BinaryChunk.undump(chunk, chunkName: chunkName)
            }
            // A compiled input must already hold the target's numbers: an image cannot be
            // rounded once it is mapped, and a silently different constant is a different program.
            if let problem = numberOutside(targetNumbers, function) { fail("\(file): \(problem)") }
            compiled.append(function)
        } catch {
            fail(String(decoding: error.message, as: UTF8.self))
        }
        continue
    }
    do {
        compiled.append(try compile(Array(bytes[start...]), chunkName: chunkName, numbers: targetNumbers))
    } catch {
        fail(String(decoding: error.message, as: UTF8.self))
    }
}

// Several inputs become one chunk that runs each in turn, as luac does.
func combine(_ functions: [FunctionDescription]) -> FunctionDescription {
    if functions.count == 1 { return functions[0] }
    var main = FunctionDescription(source: Array("=(flashluac)".utf8))
    main.isVararg = true
    main.maxStackSize = 1
    main.upvalues = [UpvalueDescription(name: Array("_ENV".utf8), inStack: true, index: 0)]
    for (n, f) in functions.enumerated() {
        main.protos.append(f)
        main.code.append(.abx(.closure, 0, n))
        main.code.append(.abc(.call, 0, 1, 1))
    }
    main.code.append(.abc(.return, 0, 1, 0))
    main.lineInfo = Array(repeating: 0, count: main.code.count)
    return main
}

if buildImage {
    writeImage(compiled, files: files, resources: resources, strip: strip, maxSize: maxImageSize, to: output)
    HostPlatform.exit(0)
}

let chunk = combine(compiled)
if listingLevel > 0 {
    HostPlatform.writeStandardOutput(FlashLuaBytecode.listing(chunk, full: listingLevel > 1))
    HostPlatform.flushStandardOutput()
}
if !parseOnly {
    let bytes = BinaryChunk.dump(chunk, strip: strip)
    if !HostPlatform.writeWholeFile(output, bytes) { fail("cannot write \(output)") }
}
HostPlatform.exit(0)
