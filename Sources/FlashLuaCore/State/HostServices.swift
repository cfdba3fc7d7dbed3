/// What the runtime needs from the machine it runs on, supplied by the host (the `flashlua`
/// command, a device model, or an embedding program). The runtime itself has no file system,
/// clock or environment of its own, so it stays buildable for bare-metal targets.
public struct HostServices {
    public enum FileRead {
        case bytes([UInt8])
        /// The file could not be opened: the system's reason, e.g. "No such file or directory".
        case failure(String)
        /// The file opened but reading it failed (a directory, an I/O error): the system's reason.
        /// loadfile reports "cannot read" rather than "cannot open", and package.searchpath
        /// counts the file as found, as lua5.3 does (fopen succeeds on a directory).
        case unreadable(String)
    }

    /// Reads a whole file; nil name means standard input.
    public var readFile: (String?) -> FileRead = { _ in .failure("No such file or directory") }
    /// Whether a file opens for reading (package.searchpath's test, as lua5.3's fopen), without
    /// reading it; nil: found by reading it with `readFile`.
    public var canOpenFile: ((String) -> Bool)? = nil
    /// Replaces a whole file, all or nothing (softmodule's `.lc` files): nil when written, else
    /// the system's reason.
    public var writeFile: (String, [UInt8]) -> String? = { _, _ in "No file system" }
    /// Processor time in seconds (os.clock).
    public var clock: () -> Double = { 0 }
    /// Seconds since the epoch (os.time).
    public var time: () -> Int64 = { 0 }
    /// Environment variable (os.getenv, LUA_PATH).
    public var environment: (String) -> String? = { _ in nil }
    /// Where error text and warnings go (the standalone interpreter's stderr).
    public var writeError: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    /// os.exit(code, close): leave the process (the interpreter flushes output first).
    public var exit: (Int32, Bool) -> Void = { _, _ in }
    /// Flushes buffered standard output (io.flush, io.stdout:flush, io.stdout:seek).
    public var flushOutput: () -> Void = {}
    /// Files for the io library and os.remove/os.rename/os.tmpname.
    public var files = HostFiles()
    /// The local time zone at a moment (seconds since the epoch); nil when it cannot be
    /// represented. The default is UTC.
    public var localTimeZone: (Int64) -> LocalTimeZone? = { _ in LocalTimeZone(utcOffset: 0, isDaylightSaving: false, name: "UTC") }

    /// The names in a directory (no "." or ".."), or nil when `path` is not a directory.
    public var listDirectory: (String) -> [String]? = { _ in nil }
    public init() {}
}
