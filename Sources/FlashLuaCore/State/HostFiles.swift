/// Files as the io and os libraries reach them: small integer handles chosen by the host
/// (0, 1 and 2 are standard input, output and error). Failures report an errno value, which
/// `describeError` turns into the system's text ("No such file or directory").
public struct HostFiles {
    /// fopen(path, mode): a handle (>= 0), or -errno.
    public var open: (String, String) -> Int = { _, _ in -2 }
    /// tmpfile(): a handle (>= 0), or -errno.
    public var openTemporary: () -> Int = { -2 }
    /// fread: bytes read into the buffer (fewer at end of file or after an error).
    public var read: (Int, UnsafeMutableRawBufferPointer) -> Int = { _, _ in 0 }
    /// getc: the next byte, or -1 at end of file or after an error.
    public var readByte: (Int) -> Int32 = { _ in -1 }
    /// Optional fast path for line reads: appends the bytes up to and including the next newline
    /// and returns 10, or appends what is left and returns -1 at end of file or after an error.
    /// When nil, lines are read with `readByte`.
    public var readLine: ((Int, inout [UInt8]) -> Int32)? = nil
    /// ungetc (ignored for -1).
    public var unreadByte: (Int, Int32) -> Void = { _, _ in }
    /// fwrite: true when every byte was written.
    public var write: (Int, UnsafeRawBufferPointer) -> Bool = { _, _ in false }
    /// fseek then ftell: whence 0 = set, 1 = current, 2 = end; the new position, or -errno.
    public var seek: (Int, Int32, Int64) -> Int64 = { _, _, _ in -9 }
    /// setvbuf: mode 0 = no buffering, 1 = full, 2 = line; 0 or errno.
    public var setBuffering: (Int, Int32, Int) -> Int32 = { _, _, _ in 0 }
    /// fflush: 0 or errno.
    public var flush: (Int) -> Int32 = { _ in 0 }
    /// fclose: 0 or errno.
    public var close: (Int) -> Int32 = { _ in 0 }
    /// clearerr.
    public var clearError: (Int) -> Void = { _ in }
    /// ferror: the errno of the failure when the stream is in error, otherwise 0.
    public var error: (Int) -> Int32 = { _ in 0 }
    /// remove(path): 0 or errno.
    public var remove: (String) -> Int32 = { _ in 2 }
    /// rename(from, to): 0 or errno.
    public var rename: (String, String) -> Int32 = { _, _ in 2 }
    /// A new, unique temporary file name (the file is created empty), or nil.
    public var temporaryName: () -> String? = { nil }
    /// popen(command, mode): a handle (>= 0) closed with `closeProcess`, or -errno.
    public var openProcess: (String, String) -> Int = { _, _ in -38 }
    /// pclose: the command's wait status, or -1 (errno in `error`).
    public var closeProcess: (Int) -> Int32 = { _ in -1 }
    /// system(command): the wait status (-1 on failure); with nil, nonzero when a shell exists.
    public var runCommand: (String?) -> Int32 = { _ in 0 }
    /// strerror(errno).
    public var describeError: (Int32) -> String = { code in
        switch code {
        case 2: return "No such file or directory"
        case 9: return "Bad file descriptor"
        case 13: return "Permission denied"
        default: return "Unknown error \(code)"
        }
    }

    public init() {}
}

/// The broken-down clock of a moment in the host's time zone (os.date, os.time).
public struct LocalTimeZone {
    /// Seconds east of UTC.
    public var utcOffset: Int64
    public var isDaylightSaving: Bool
    /// Abbreviation for %Z ("UTC", "CET").
    public var name: String

    public init(utcOffset: Int64, isDaylightSaving: Bool, name: String) {
        self.utcOffset = utcOffset
        self.isDaylightSaving = isDaylightSaving
        self.name = name
    }
}
