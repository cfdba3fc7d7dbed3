import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Our own stdio streams on the standard descriptors (the C globals are not concurrency-safe).
nonisolated(unsafe) let standardOutput = fdopen(1, "w")!
nonisolated(unsafe) let standardError = fdopen(2, "w")!
nonisolated(unsafe) let standardInput = fdopen(0, "r")!

/// HostServices for a desktop process: files through stdio, the process clock, environment.
public enum HostPlatform {
    public static func services(ignoreEnvironment: Bool = false) -> HostServices {
        var h = HostServices()
        h.readFile = { path in readWholeFile(path) }
        h.writeFile = { path, bytes in replaceFile(path, bytes) }
        h.canOpenFile = { path in
            guard let f = fopen(path, "rb") else { return false }
            fclose(f)
            return true
        }
        h.listDirectory = { path in listDirectory(path) }
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
        h.flushOutput = { fflush(standardOutput) }
        h.files = StdioFiles().hostFiles()
        h.localTimeZone = { t in
            var time = time_t(t)
            var broken = tm()
            guard localtime_r(&time, &broken) != nil else { return nil }
            let name = broken.tm_zone.map { String(cString: $0) } ?? ""
            return LocalTimeZone(utcOffset: Int64(broken.tm_gmtoff), isDaylightSaving: broken.tm_isdst > 0, name: name)
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
        // Not zeroed: a flushed soft function reads its file at every call.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = fread(buffer.baseAddress, 1, 65536, f)
            if n > 0 { result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            if n < 65536 {
                // fopen succeeds on a directory; reading it fails ("cannot read", as luaL_loadfilex).
                if ferror(f) != 0 { return .unreadable(String(cString: strerror(errno))) }
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
    /// A size given on a command line: 65536, 0x10000, 64k or 1m.
    public static func parseSize(_ text: String) -> Int? {
        var digits = Substring(text.lowercased())
        var multiplier = 1
        if digits.hasSuffix("k") {
            multiplier = 1024
            digits.removeLast()
        } else if digits.hasSuffix("m") {
            multiplier = 1024 * 1024
            digits.removeLast()
        }
        let value = digits.hasPrefix("0x") ? Int(digits.dropFirst(2), radix: 16) : Int(digits)
        guard let value, value > 0 else { return nil }
        return value * multiplier
    }

    /// Replaces a whole file without ever leaving a partial one: written beside it, then
    /// renamed over it. Nil when done, else the system's reason.
    public static func replaceFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let temporary = path + ".tmp"
        guard writeWholeFile(temporary, bytes) else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }

    /// Writes a whole file; false on any error.
    public static func writeWholeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        return fclose(f) == 0 && n == bytes.count
    }
}

/// The io library's files as C stdio streams; handles 0, 1 and 2 are the standard streams
/// (the same FILE objects print and the interpreter use, so buffered output stays in order).
final class StdioFiles {
    var streams: [UnsafeMutablePointer<FILE>?] = [standardInput, standardOutput, standardError]
    /// errno of the last failed operation of each stream (for ferror reports).
    var errors: [Int32] = [0, 0, 0]
    /// getline's buffer, reused by every line read.
    var lineBuffer: UnsafeMutablePointer<CChar>? = nil
    var lineCapacity = 0

    func stream(_ h: Int) -> UnsafeMutablePointer<FILE>? {
        h >= 0 && h < streams.count ? streams[h] : nil
    }

    func add(_ f: UnsafeMutablePointer<FILE>) -> Int {
        if let i = streams.indices.first(where: { $0 > 2 && streams[$0] == nil }) {
            streams[i] = f
            errors[i] = 0
            return i
        }
        streams.append(f)
        errors.append(0)
        return streams.count - 1
    }

    func failed(_ h: Int) {
        if h >= 0 && h < errors.count { errors[h] = errno }
    }

    func hostFiles() -> HostFiles {
        var files = HostFiles()
        files.open = { path, mode in
            guard let f = fopen(path, mode) else { return -Int(errno) }
            return self.add(f)
        }
        files.openTemporary = {
            guard let f = tmpfile() else { return -Int(errno) }
            return self.add(f)
        }
        files.read = { h, buffer in
            guard let f = self.stream(h) else { return 0 }
            let n = fread(buffer.baseAddress, 1, buffer.count, f)
            if n < buffer.count && ferror(f) != 0 { self.failed(h) }
            return n
        }
        files.readByte = { h in
            guard let f = self.stream(h) else { return -1 }
            let c = getc(f)
            if c == EOF && ferror(f) != 0 { self.failed(h) }
            return c == EOF ? -1 : c
        }
        files.readLine = { h, line in
            guard let f = self.stream(h) else { return -1 }
            let n = getline(&self.lineBuffer, &self.lineCapacity, f)
            if n <= 0 {
                if ferror(f) != 0 { self.failed(h) }
                return -1
            }
            let bytes = UnsafeRawBufferPointer(start: self.lineBuffer, count: n)
            line.append(contentsOf: bytes)
            return bytes[n - 1] == 10 ? 10 : -1
        }
        files.unreadByte = { h, c in
            guard c >= 0, let f = self.stream(h) else { return }
            ungetc(c, f)
        }
        files.write = { h, bytes in
            guard let f = self.stream(h) else { return false }
            if bytes.count == 0 { return true }
            let n = fwrite(bytes.baseAddress, 1, bytes.count, f)
            if n != bytes.count {
                self.failed(h)
                return false
            }
            return true
        }
        files.seek = { h, whence, offset in
            guard let f = self.stream(h) else { return -Int64(EBADF) }
            let w = whence == 0 ? SEEK_SET : (whence == 1 ? SEEK_CUR : SEEK_END)
            if fseeko(f, off_t(offset), w) != 0 { return -Int64(errno) }
            let p = ftello(f)
            return p < 0 ? -Int64(errno) : Int64(p)
        }
        files.setBuffering = { h, mode, size in
            guard let f = self.stream(h) else { return EBADF }
            let m = mode == 0 ? _IONBF : (mode == 1 ? _IOFBF : _IOLBF)
            return setvbuf(f, nil, m, size) == 0 ? 0 : errno
        }
        files.flush = { h in
            guard let f = self.stream(h) else { return EBADF }
            return fflush(f) == 0 ? 0 : errno
        }
        files.close = { h in
            guard h > 2, let f = self.stream(h) else { return EBADF }
            self.streams[h] = nil
            return fclose(f) == 0 ? 0 : errno
        }
        files.clearError = { h in
            guard let f = self.stream(h) else { return }
            clearerr(f)
            self.errors[h] = 0
        }
        files.error = { h in
            guard let f = self.stream(h), ferror(f) != 0 else { return 0 }
            return self.errors[h] != 0 ? self.errors[h] : EIO
        }
        files.remove = { path in remove(path) == 0 ? 0 : errno }
        files.rename = { from, to in rename(from, to) == 0 ? 0 : errno }
        files.temporaryName = {
            var template = Array("/tmp/lua_XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd == -1 { return nil }
            close(fd)
            return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
        files.describeError = { code in String(cString: strerror(code)) }
        // Neither io.popen nor os.execute flushes the C streams first (liolib.c, loslib.c): output
        // still buffered in the interpreter comes after the command's own output, as with lua5.3.
        files.openProcess = { command, mode in
            guard let f = popen(command, mode) else { return -Int(errno) }
            return self.add(f)
        }
        files.closeProcess = { h in
            guard h > 2, let f = self.stream(h) else { return -1 }
            self.streams[h] = nil
            return pclose(f)
        }
        files.runCommand = { command in
            guard let command else { return system(nil) }
            return system(command)
        }
        return files
    }
}
