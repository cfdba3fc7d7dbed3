#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FlashLua

// Our own stdio streams on the standard descriptors (the C globals are not concurrency-safe).
nonisolated(unsafe) let standardOutput = fdopen(1, "w")!
nonisolated(unsafe) let standardError = fdopen(2, "w")!
nonisolated(unsafe) let standardInput = fdopen(0, "r")!

/// HostServices for a desktop process: files through stdio, the process clock, environment.
public enum HostPlatform {
    public static func services(ignoreEnvironment: Bool = false) -> HostServices {
        var h = HostServices()
        h.readFile = { path in readWholeFile(path) }
        h.clock = { Double(Glibc.clock()) / Double(CLOCKS_PER_SEC) }
        h.time = { Int64(Glibc.time(nil)) }
        h.environment = { name in
            if ignoreEnvironment { return nil }
            guard let v = getenv(name) else { return nil }
            return String(cString: v)
        }
        h.writeError = { bytes in
            _ = fwrite(bytes.baseAddress, 1, bytes.count, standardError)
            fflush(standardError)
        }
        return h
    }

    /// Buffered standard output (flushed at exit and before prompts).
    public static func writeStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = fwrite(bytes.baseAddress, 1, bytes.count, standardOutput)
    }

    public static func writeStandardOutput(_ text: String) {
        var t = text
        t.withUTF8 { writeStandardOutput($0) }
    }

    public static func flushStandardOutput() { fflush(standardOutput) }

    public static func writeStandardError(_ text: String) {
        var t = text
        t.withUTF8 { b in _ = fwrite(b.baseAddress, 1, b.count, standardError) }
        fflush(standardError)
    }

    public static func readWholeFile(_ path: String?) -> HostServices.FileRead {
        let file: UnsafeMutablePointer<FILE>?
        if let path {
            file = fopen(path, "rb")
            if file == nil { return .failure(String(cString: strerror(errno))) }
        } else {
            file = standardInput
        }
        guard let f = file else { return .failure("No such file or directory") }
        defer { if path != nil { fclose(f) } }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, f) }
            if n > 0 { result.append(contentsOf: buffer[0..<n]) }
            if n < 65536 {
                if ferror(f) != 0 { return .failure(String(cString: strerror(errno))) }
                break
            }
        }
        return .bytes(result)
    }

    public static func readLine() -> String? {
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        let n = getline(&line, &capacity, standardInput)
        defer { free(line) }
        if n < 0 { return nil }
        var s = String(cString: line!)
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    public static var standardInputIsTerminal: Bool { isatty(0) != 0 }

    public static func exit(_ code: Int32) -> Never {
        fflush(standardOutput)
        Glibc.exit(code)
    }
}

extension HostPlatform {
    /// Writes a whole file; false on any error.
    public static func writeWholeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        return fclose(f) == 0 && n == bytes.count
    }
}
