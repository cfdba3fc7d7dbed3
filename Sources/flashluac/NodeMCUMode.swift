import FlashLuaBytecode
import FlashLuaCompiler
import FlashLuaCore
import FlashLuaHost
import FlashLuaText

#if canImport(Glibc)
    import Glibc
#endif

/// NodeMCU output (--nodemcu, --number-64bits, or invoked as `luac.cross`): `.lc` files
/// (format 10) and LFS image files (format 11) as NodeMCU's luac.cross writes them.
struct NodeMCUOptions {
    var numbers: NumberModel = .int32Float
    /// -f: an LFS image; -i: the image's lookup main also in a `.lc`.
    var image = false
    var lookup = false
    var strip = false
    var listingLevel = 0
    var parseOnly = false
    var maxImageSize = 0x40000
    var output = "luac.cross.out"
    var limits = LFSLimits()
}

/// luac.cross's error form: the program name (as invoked, when invoked as luac.cross), then the
/// message.
func nodeMCUFail(_ message: String) -> Never {
    HostPlatform.writeStandardError("\(invokedAsLuacCross ? programName : "flashluac"): \(message)\n")
    HostPlatform.exit(1)
}

func runNodeMCU(files givenFiles: [String], _ options: NodeMCUOptions) -> Never {
    // luac.cross loads the files in reorderfiles' order.
    let files = LuacCross.reorder(givenFiles.map { Array($0.utf8) }).map { String(decoding: $0, as: UTF8.self) }
    var modules: [FunctionDescription] = []
    for file in files {
        modules.append(loadNodeMCUInput(file, numbers: options.numbers))
    }
    let strip: NodeMCUStrip = options.strip ? .locals : .none
    let lookup = options.image || options.lookup
    var timestamp: Int64 = 0
    var names: [[UInt8]] = []
    if lookup {
        timestamp = buildTimestamp(options.numbers)
        do {
            names = try LuacCross.moduleNames(modules)
        } catch {
            nodeMCUFail(error.message)
        }
    }
    let main = LuacCross.combine(modules, namesAndTimestamp: lookup ? (names, timestamp) : nil)
    if options.listingLevel > 0 {
        HostPlatform.writeStandardOutput(FlashLuaBytecode.listing(main, full: options.listingLevel > 1))
        HostPlatform.flushStandardOutput()
    }
    if options.parseOnly { HostPlatform.exit(0) }
    let bytes: [UInt8]
    do {
        if options.image {
            let image = LFSImageWriter(numbers: options.numbers, strip: strip)
            bytes = try image.write(main, limits: options.limits, maxImageSize: options.maxImageSize)
        } else {
            bytes = try NodeMCUChunk.dump(main, numbers: options.numbers, strip: strip)
        }
    } catch {
        nodeMCUFail(error.message)
    }
    if options.output == "-" {
        bytes.withUnsafeBufferPointer { HostPlatform.writeStandardOutput($0) }
        HostPlatform.flushStandardOutput()
    } else if let reason = HostPlatform.replaceFile(options.output, bytes) {
        nodeMCUFail("cannot write \(options.output): \(reason)")
    }
    HostPlatform.exit(0)
}

/// A source file compiled for the model, or a NodeMCU `.lc` of either model: one of the other
/// model is taken only when its numbers are exactly the target's (luac.cross refuses it with
/// "lua_Integer size mismatch"; a 32-bit .lc always converts to 64-bit).
func loadNodeMCUInput(_ file: String, numbers: NumberModel) -> FunctionDescription {
    let (bytes, chunkName, start) = readInput(file, orFail: nodeMCUFail)
    if start < bytes.count && bytes[start] == 0x1B {
        do {
            let loaded = try bytes.withUnsafeBufferPointer { b throws(ChunkLoadError) in
                try NodeMCUChunk.undump(UnsafeBufferPointer(rebasing: b[start...]), chunkName: chunkName)
            }
            if let problem = numberOutside(numbers, loaded.function) {
                nodeMCUFail("\(file): \(problem) (it was compiled for \(loaded.numbers.integerBits)-bit numbers)")
            }
            return loaded.function
        } catch {
            nodeMCUFail(String(decoding: error.message, as: UTF8.self))
        }
    }
    do {
        return LuacCross.strippedAsCompiled(try compile(Array(bytes[start...]), chunkName: chunkName, numbers: numbers))
    } catch {
        nodeMCUFail(String(decoding: error.message, as: UTF8.self))
    }
}

/// The image's build time: SOURCE_DATE_EPOCH when set (reproducible builds), else now; as
/// luac.cross stores time(NULL) in a lua_Integer.
func buildTimestamp(_ numbers: NumberModel) -> Int64 {
    if let epoch = getenv("SOURCE_DATE_EPOCH") {
        guard let t = Int64(String(cString: epoch)) else { nodeMCUFail("SOURCE_DATE_EPOCH is not a number of seconds") }
        return numbers.wrap(t)
    }
    return numbers.wrap(Int64(time(nil)))
}

/// luac.cross's command line (host/luac.c doargs): its flags, defaults and messages.
func runLuacCross(_ args: [String]) -> Never {
    var options = NodeMCUOptions()
    var files: [String] = []
    var i = 0
    func needs(_ message: String) -> Never { nodeMCUFail(message) }
    while i < args.count {
        let a = args[i]
        if !a.hasPrefix("-") { break }
        if a == "--" {
            i += 1
            break
        }
        if a == "-" { break }
        switch a {
        case "-e", "-F", "-a":
            nodeMCUFail("'\(a)' is not supported by flashluac (to run Lua with NodeMCU's libraries use flashlua)")
        case "-f": options.image = true
        case "-i": options.lookup = true
        case "-l": options.listingLevel += 1
        case "-m":
            options.image = true
            i += 1
            // strtol(..., 0): decimal, 0x hex or 0 octal.
            let text = i < args.count ? args[i] : ""
            let value: Int?
            if text.hasPrefix("0x") || text.hasPrefix("0X") {
                value = Int(text.dropFirst(2), radix: 16)
            } else if text.hasPrefix("0") && text.count > 1 {
                value = Int(text.dropFirst(), radix: 8)
            } else {
                value = Int(text)
            }
            guard let value, value & 0xFFF == 0 else { needs("\"-e\" maximum size must be a multiple of 4,096") }
            options.maxImageSize = value
        case "-o":
            i += 1
            guard i < args.count, !args[i].isEmpty, !args[i].hasPrefix("-") || args[i] == "-" else { needs("'-o' needs argument") }
            options.output = args[i]
        case "-p": options.parseOnly = true
        case "-s": options.strip = true
        case "-v":
            HostPlatform.writeStandardOutput("Lua 5.3.6  Copyright (C) 1994-2020 Lua.org, PUC-Rio (flashluac as luac.cross)\n")
            HostPlatform.flushStandardOutput()
            if args.count == 1 { HostPlatform.exit(0) }
        case "--number-64bits": options.numbers = .int64Double
        default: needs("unrecognized option '\(a)'")
        }
        i += 1
    }
    files = Array(args[i...])
    if files.isEmpty && (options.listingLevel > 0 || options.parseOnly) { files = ["luac.cross.out"] }
    if files.isEmpty { needs("no input files given") }
    runNodeMCU(files: files, options)
}

/// `--info` on a luac.cross-format image: header, strings, modules, and the size the chip's
/// loader expands it to.
func describeNodeMCUImage(_ bytes: [UInt8], path: String) -> Never {
    let file: LFSImageFile
    do {
        file = try bytes.withUnsafeBufferPointer { b throws(ChunkLoadError) in try LFSImageFile.read(b, name: Array("@\(path)".utf8)) }
    } catch {
        fail(String(decoding: error.message, as: UTF8.self))
    }
    let model = file.numbers == .int32Float ? "32-bit integers and floats" : "64-bit integers and doubles (LUA_NUMBER_64BITS)"
    var out = "NodeMCU LFS image \(path) (format 11, \(model))\n"
    out += "  \(bytes.count) bytes in the file, \(file.expandedFlashSize) bytes once the chip's loader expands it into flash\n"
    out += "  seed 0x\(hex(file.seed)), built \(utcDate(file.timestamp)) (\(file.timestamp))\n"
    out += "  strings: \(file.strings.count) in the image (longest \(file.maximumLength) bytes); "
    out += "\(file.shortStringCount) short and \(file.longStringCount) long with the fixed strings\n"
    out += "  modules: \(file.modules.count)\n"
    for m in file.modules { out += "    \(String(decoding: m.name, as: UTF8.self))\n" }
    HostPlatform.writeStandardOutput(out)
    HostPlatform.flushStandardOutput()
    HostPlatform.exit(0)
}

/// The first constant of `f`'s tree that the model cannot hold exactly, described.
func numberOutside(_ numbers: NumberModel, _ f: FunctionDescription) -> String? {
    for k in f.constants {
        switch k {
        case .integer(let i) where !numbers.contains(i):
            return "integer \(i) does not fit the target's \(numbers.integerBits)-bit integers"
        case .float(let d) where !d.isNaN && numbers.round(d) != d:
            return "float \(d) is not exact in the target's \(numbers.floatBytes * 8)-bit floats"
        default: continue
        }
    }
    for p in f.protos {
        if let problem = numberOutside(numbers, p) { return problem }
    }
    return nil
}
