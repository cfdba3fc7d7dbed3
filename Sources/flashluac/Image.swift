import FlashLua
import FlashLuaBytecode
import FlashLuaHost

#if canImport(Glibc)
    import Glibc
#endif

/// `-f`: one image of all modules (and resources); nothing is written unless all of it succeeds.
func writeImage(
    _ compiled: [FunctionDescription], files: [String], resources: [(name: String, path: String)], strip: Bool, maxSize: Int?,
    to output: String
) {
    var builder = ImageBuilder()
    builder.strip = strip
    if let epoch = getenv("SOURCE_DATE_EPOCH") {
        guard let t = Int64(String(cString: epoch)) else { fail("SOURCE_DATE_EPOCH is not a number of seconds") }
        builder.buildTime = t
    } else {
        builder.buildTime = Int64(time(nil))
    }
    for (file, function) in zip(files, compiled) {
        do {
            try builder.addModule(file: file, function)
        } catch {
            fail(error.message)
        }
    }
    for r in resources {
        guard case .bytes(let bytes) = HostPlatform.readWholeFile(r.path) else { fail("cannot read resource \(r.path)") }
        do {
            try builder.addResource(name: Array(r.name.utf8), bytes: bytes)
        } catch {
            fail(error.message)
        }
    }
    let image: [UInt8]
    do {
        image = try builder.build()
    } catch {
        fail(error.message)
    }
    if let maxSize, image.count > maxSize {
        fail("image is \(image.count) bytes, larger than the -m limit of \(maxSize) bytes; nothing written")
    }
    // Written beside the target and renamed, so a failed write never leaves a partial image.
    if HostPlatform.replaceFile(output, image) != nil { fail("cannot write \(output)") }
}

/// `--info`: the header, every module and resource with its size, the string table, totals.
func describe(imageAt path: String, json: Bool) {
    if case .bytes(let bytes) = HostPlatform.readWholeFile(path),
        bytes.withUnsafeBufferPointer({ LFSImageFile.isImage($0) })
    {
        describeNodeMCUImage(bytes, path: path)
    }
    let mapped: MappedImageFile
    do {
        mapped = try MappedImageFile(path: path)
    } catch {
        fail(error.message)
    }
    let image = mapped.image
    var shortCount = 0
    var longCount = 0
    image.forEachString { _, isShort in
        if isShort { shortCount += 1 } else { longCount += 1 }
    }
    let buckets = image.romStringBucketCount
    let entries = (0..<(image.moduleCount + image.resourceCount)).map { image.entry($0) }
    let modules = entries.filter { $0.isModule }
    let resourceEntries = entries.filter { !$0.isModule }
    func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
    let fill = Double(shortCount) / Double(buckets)
    let checksum = "0x" + hex(image.checksum)

    if json {
        func quoted(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where u.value < 0x20: out += "\\u00" + (u.value < 16 ? "0" : "") + hex(UInt32(u.value))
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        }
        var out = "{\n"
        out += "  \"file\": \(quoted(path)),\n  \"formatVersion\": \(ImageFormat.version),\n  \"size\": \(image.size),\n"
        out += "  \"checksum\": \"\(checksum)\",\n  \"seed\": \(image.seed),\n  \"buildTime\": \(image.buildTime),\n"
        out += "  \"stripped\": \(image.isStripped),\n"
        out += "  \"strings\": {\"count\": \(image.stringCount), \"short\": \(shortCount), \"long\": \(longCount), "
        out += "\"bytes\": \(image.stringsSize), \"buckets\": \(buckets), \"fill\": \(formatFraction(fill))},\n"
        out +=
            "  \"modules\": [" + modules.map { "{\"name\": \(quoted(text($0.name))), \"bytes\": \($0.bytes)}" }.joined(separator: ", ")
            + "],\n"
        out += "  \"resources\": ["
        out += resourceEntries.map { "{\"name\": \(quoted(text($0.name))), \"bytes\": \($0.bytes)}" }.joined(separator: ", ") + "],\n"
        out += "  \"totals\": {\"modules\": \(modules.count), \"resources\": \(resourceEntries.count), "
        out += "\"prototypeBytes\": \(image.protosSize), \"stringBytes\": \(image.stringsSize), \"imageBytes\": \(image.size)}\n}\n"
        HostPlatform.writeStandardOutput(out)
    } else {
        var out = "LFS image \(path)\n"
        out += "  format version \(ImageFormat.version), \(image.size) bytes, checksum \(checksum) (verified), seed 0x\(hex(image.seed))\n"
        out += "  built \(utcDate(image.buildTime)) (\(image.buildTime)), debug information \(image.isStripped ? "stripped" : "kept")\n"
        out += "  strings: \(image.stringCount) (\(shortCount) short, \(longCount) long), \(image.stringsSize) bytes; "
        out += "ROM string table \(buckets) slots, \(formatPercent(fill)) full\n"
        out += "  modules: \(modules.count), \(image.protosSize) bytes of prototypes\n"
        if !resourceEntries.isEmpty { out += "  resources: \(resourceEntries.count)\n" }
        let width = max(24, entries.map { $0.name.count }.max() ?? 0)
        func row(_ name: String, _ value: String) -> String {
            "  " + name + String(repeating: " ", count: max(1, width - name.count + 2)) + value + "\n"
        }
        out += "\n" + row("module", "bytes")
        for m in modules { out += row(text(m.name), String(m.bytes)) }
        if !resourceEntries.isEmpty {
            out += "\n" + row("resource", "bytes")
            for r in resourceEntries { out += row(text(r.name), String(r.bytes)) }
        }
        out +=
            "\n"
            + row(
                "total",
                "\(image.size) bytes (header \(ImageFormat.headerSize), strings \(image.stringsSize), "
                    + "prototypes \(image.protosSize), indexes \(image.size - ImageFormat.headerSize - image.stringsSize - image.protosSize))"
            )
        HostPlatform.writeStandardOutput(out)
    }
    HostPlatform.flushStandardOutput()
}

func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: max(0, 8 - s.count)) + s
}

func formatPercent(_ f: Double) -> String { "\(Int((f * 100).rounded()))%" }

func formatFraction(_ f: Double) -> String {
    let thousandths = Int((f * 1000).rounded())
    let frac = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}

func utcDate(_ t: Int64) -> String {
    var time = time_t(t)
    var parts = tm()
    guard gmtime_r(&time, &parts) != nil else { return "?" }
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
        + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) UTC"
}
