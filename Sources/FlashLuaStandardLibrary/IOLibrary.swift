import CFlashLuaShim
import FlashLuaCore
import FlashLuaText

/// A file handle's userdata payload (luaL_Stream): the host's handle and how to close it.
struct FileStream {
    var handle: Int
    var kind: Int

    /// closef == NULL: closed (or never opened).
    static let closed = 0
    /// Opened by io.open/io.lines/io.tmpfile: closing calls the host's close.
    static let regular = 1
    /// stdin/stdout/stderr: "cannot close standard file".
    static let standard = 2
    /// Opened by io.popen: closing waits for the command (pclose).
    static let process = 3
}

/// The io library (liolib.c). Standard output goes through `writeOutput`, the same path as
/// `print`, so the two interleave; standard error through the host's error writer; everything
/// else through `host.files`.
extension LuaState {
    static let fileHandleName: StaticString = "FILE*"
    static let ioInputKey: StaticString = "_IO_input"
    static let ioOutputKey: StaticString = "_IO_output"

    func openIOLibrary() throws(LuaError) {
        // The metatable of file handles (luaL_newmetatable("FILE*")); every io function keeps it
        // as upvalue 1, as liolib's functions find it in the registry.
        let mt = try newTable(arraySize: 0, hashSize: 16)
        try setField(registry, LuaState.fileHandleName, Value(mt))
        let lib = try newTable(arraySize: 0, hashSize: 16)
        try registerIO(
            lib, mt,
            [
                (
                    "close",
                    { (L: LuaState) throws(LuaError) -> Int in
                        if L.argumentCount == 0 {
                            L.push(try L.getField(L.registry, LuaState.ioOutputKey))
                        }
                        return try L.fileClose()
                    }
                ),
                (
                    "flush",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.standardIOFile(LuaState.ioOutputKey, "output")
                        return try L.fileResult(L.streamFlush(s.pointee.handle), name: nil)
                    }
                ),
                ("input", { (L: LuaState) throws(LuaError) -> Int in try L.ioDefaultFile(LuaState.ioInputKey, mode: "r") }),
                ("output", { (L: LuaState) throws(LuaError) -> Int in try L.ioDefaultFile(LuaState.ioOutputKey, mode: "w") }),
                ("lines", { (L: LuaState) throws(LuaError) -> Int in try L.ioLines() }),
                ("open", { (L: LuaState) throws(LuaError) -> Int in try L.ioOpen() }),
                (
                    "popen",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let command = try L.checkString(1).swiftString
                        let mode = try L.optionalString(2)?.array ?? Array("r".utf8)
                        let (u, s) = try L.newFileObject()
                        L.push(Value(u))
                        if !(mode.count == 1 && (mode[0] == UInt8(ascii: "r") || mode[0] == UInt8(ascii: "w"))) {
                            throw L.argumentError(2, "invalid mode")
                        }
                        let h = L.host.files.openProcess(command, String(decoding: mode, as: UTF8.self))
                        if h < 0 { return try L.fileResult(Int32(truncatingIfNeeded: -h), name: command) }
                        s.pointee = FileStream(handle: h, kind: FileStream.process)
                        return 1
                    }
                ),
                (
                    "read",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.standardIOFile(LuaState.ioInputKey, "input")
                        return try L.readFormats(s.pointee.handle, first: 1)
                    }
                ),
                (
                    "tmpfile",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let (u, s) = try L.newFileObject()
                        L.push(Value(u))
                        let h = L.host.files.openTemporary()
                        if h < 0 { return try L.fileResult(Int32(truncatingIfNeeded: -h), name: nil) }
                        s.pointee = FileStream(handle: h, kind: FileStream.regular)
                        return 1
                    }
                ),
                (
                    "type",
                    { (L: LuaState) throws(LuaError) -> Int in
                        _ = try L.checkAny(1)
                        guard let s = L.testFile(1) else { return L.returnValue(.nil) }
                        let name: StaticString = s.pointee.kind == FileStream.closed ? "closed file" : "file"
                        return L.returnValue(Value(try L.newString(name)))
                    }
                ),
                (
                    "write",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.standardIOFile(LuaState.ioOutputKey, "output")
                        let file = try L.getField(L.registry, LuaState.ioOutputKey)
                        return try L.writeValues(s.pointee.handle, first: 1, count: L.argumentCount, file: file)
                    }
                ),
            ])

        try setField(mt, "__name", Value(try newString(LuaState.fileHandleName)))
        try setField(mt, "__index", Value(mt))
        try registerIO(
            mt, mt,
            [
                ("close", { (L: LuaState) throws(LuaError) -> Int in try L.fileClose() }),
                (
                    "flush",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkOpenFile(1)
                        return try L.fileResult(L.streamFlush(s.pointee.handle), name: nil)
                    }
                ),
                (
                    "lines",
                    { (L: LuaState) throws(LuaError) -> Int in
                        _ = try L.checkOpenFile(1)
                        return try L.makeLinesIterator(closeAtEnd: false)
                    }
                ),
                (
                    "read",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkOpenFile(1)
                        return try L.readFormats(s.pointee.handle, first: 2)
                    }
                ),
                (
                    "seek",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkOpenFile(1)
                        let whence = try L.checkOption(2, default: "cur", ["set", "cur", "end"])
                        let offset = try L.optionalInteger(3, default: 0)
                        if s.pointee.handle == 1 { L.host.flushOutput() }
                        let position = L.host.files.seek(s.pointee.handle, Int32(whence), offset)
                        if position < 0 { return try L.fileResult(Int32(truncatingIfNeeded: -position), name: nil) }
                        return L.returnValue(Value(position))
                    }
                ),
                (
                    "setvbuf",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkOpenFile(1)
                        let mode = try L.checkOption(2, default: nil, ["no", "full", "line"])
                        let size = try L.optionalInteger(3, default: 8192)
                        if s.pointee.handle == 1 { L.host.flushOutput() }
                        let r = L.host.files.setBuffering(s.pointee.handle, Int32(mode), Int(truncatingIfNeeded: size))
                        return try L.fileResult(r, name: nil)
                    }
                ),
                (
                    "write",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkOpenFile(1)
                        return try L.writeValues(s.pointee.handle, first: 2, count: L.argumentCount - 1, file: L.argument(1))
                    }
                ),
                (
                    "__gc",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkFile(1)
                        if s.pointee.kind != FileStream.closed && s.pointee.handle >= 0 {
                            _ = try L.closeStream(s)
                        }
                        return 0
                    }
                ),
                (
                    "__tostring",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let s = try L.checkFile(1)
                        if s.pointee.kind == FileStream.closed { return L.returnValue(Value(try L.newString("file (closed)"))) }
                        var text = Array("file (".utf8)
                        appendAddress(UInt64(UInt(bitPattern: L.argument(1).userdata.data)), to: &text)
                        text.append(UInt8(ascii: ")"))
                        return L.returnValue(Value(try L.newString(text)))
                    }
                ),
            ])
        // Standard files.
        for (handle, name, key) in [(0, "stdin", "_IO_input"), (1, "stdout", "_IO_output"), (2, "stderr", "")] {
            let (u, s) = try newFileObject(mt)
            s.pointee = FileStream(handle: handle, kind: FileStream.standard)
            if !key.isEmpty { try rawSet(registry, Value(try newString(key)), Value(u)) }
            try rawSet(lib, Value(try newString(name)), Value(u))
        }
        try setField(globals, "io", Value(lib))
        try setLoaded("io", Value(lib))
    }

    // MARK: File objects

    private func registerIO(_ table: LuaTable, _ mt: LuaTable, _ functions: [(StaticString, NativeFunction)]) throws(LuaError) {
        for (name, f) in functions {
            let fn = try newNativeClosure(f, upvalues: 1)
            fn.upvalues[0] = Value(mt)
            try rawSet(table, Value(try newString(name)), Value(fn))
        }
    }

    /// The FILE* metatable (upvalue 1 of the running io function).
    private var fileMetatable: LuaTable { currentNativeUpvalue(0).table }

    /// newprefile: a closed file userdata with the FILE* metatable.
    func newFileObject(_ metatable: LuaTable? = nil) throws(LuaError) -> (Userdata, UnsafeMutablePointer<FileStream>) {
        let mt = metatable ?? fileMetatable
        let u = try newUserdata(length: MemoryLayout<FileStream>.stride)
        let s = u.data.bindMemory(to: FileStream.self, capacity: 1)
        s.initialize(to: FileStream(handle: -1, kind: FileStream.closed))
        u.metatable = mt
        checkFinalizer(u.raw, mt)
        return (u, s)
    }

    /// luaL_testudata(n, "FILE*").
    func testFile(_ n: Int) -> UnsafeMutablePointer<FileStream>? {
        let v = argument(n)
        guard v.tag == .userdata, let mt = v.userdata.metatable, mt.raw == fileMetatable.raw else { return nil }
        return v.userdata.data.assumingMemoryBound(to: FileStream.self)
    }

    /// luaL_checkudata(n, "FILE*").
    func checkFile(_ n: Int) throws(LuaError) -> UnsafeMutablePointer<FileStream> {
        guard let s = testFile(n) else { throw argumentTypeError(n, expected: "FILE*") }
        return s
    }

    /// tofile: an open file.
    func checkOpenFile(_ n: Int) throws(LuaError) -> UnsafeMutablePointer<FileStream> {
        let s = try checkFile(n)
        if s.pointee.kind == FileStream.closed { throw nativeError("attempt to use a closed file") }
        return s
    }

    /// getiofile: the default input or output file, which must be open.
    func standardIOFile(_ key: StaticString, _ name: String) throws(LuaError) -> UnsafeMutablePointer<FileStream> {
        let v = try getField(registry, key)
        guard v.tag == .userdata else { throw nativeError("standard \(name) file is closed") }
        let s = v.userdata.data.assumingMemoryBound(to: FileStream.self)
        if s.pointee.kind == FileStream.closed { throw nativeError("standard \(name) file is closed") }
        return s
    }

    /// aux_close: marks the stream closed and closes it (standard files stay open).
    func closeStream(_ s: UnsafeMutablePointer<FileStream>) throws(LuaError) -> Int {
        if s.pointee.kind == FileStream.standard {
            return try returnValues(.nil, Value(try newString("cannot close standard file")))
        }
        let kind = s.pointee.kind
        s.pointee.kind = FileStream.closed
        if kind == FileStream.process { return try executionResult(host.files.closeProcess(s.pointee.handle), handle: s.pointee.handle) }
        let result = host.files.close(s.pointee.handle)
        return try fileResult(result, name: nil)
    }

    /// luaL_execresult: true/nil, "exit"/"signal", code from a wait status.
    func executionResult(_ status: Int32, handle: Int) throws(LuaError) -> Int {
        if status == -1 {
            let e = handle >= 0 ? host.files.error(handle) : 0
            return try fileResult(e == 0 ? 10 : e, name: nil)
        }
        var code = status
        var what: StaticString = "exit"
        if status & 0x7f == 0 {
            code = (status >> 8) & 0xff
        } else if (status & 0x7f) + 1 >= 2 {
            code = status & 0x7f
            what = "signal"
        }
        if what.utf8Start[0] == UInt8(ascii: "e") && code == 0 {
            push(.true)
        } else {
            push(.nil)
        }
        push(Value(try newString(what)))
        push(Value(Int64(code)))
        return 3
    }

    /// f:close() / io.close(file).
    private func fileClose() throws(LuaError) -> Int {
        let s = try checkOpenFile(1)
        return try closeStream(s)
    }

    /// io.input / io.output.
    private func ioDefaultFile(_ key: StaticString, mode: String) throws(LuaError) -> Int {
        let v = argument(1)
        if !v.isNil {
            if v.isString || v.isNumber {
                let name = try checkString(1).swiftString
                let u = try openCheckedFile(name, mode: mode)
                try setField(registry, key, Value(u))
            } else {
                _ = try checkOpenFile(1)
                try setField(registry, key, v)
            }
        }
        return returnValue(try getField(registry, key))
    }

    /// opencheckfile: opens or raises "cannot open file 'name' (reason)".
    private func openCheckedFile(_ name: String, mode: String) throws(LuaError) -> Userdata {
        let (u, s) = try newFileObject()
        push(Value(u))  // keep it reachable
        let h = host.files.open(name, mode)
        stackTop -= 1
        if h < 0 {
            throw nativeError("cannot open file '\(name)' (\(host.files.describeError(Int32(truncatingIfNeeded: -h))))")
        }
        s.pointee = FileStream(handle: h, kind: FileStream.regular)
        return u
    }

    private func ioOpen() throws(LuaError) -> Int {
        let name = try checkString(1).swiftString
        let mode = try optionalString(2)?.array ?? Array("r".utf8)
        let (u, s) = try newFileObject()
        push(Value(u))
        if !LuaState.isValidMode(mode) { throw argumentError(2, "invalid mode") }
        let h = host.files.open(name, String(decoding: mode, as: UTF8.self))
        if h < 0 { return try fileResult(Int32(truncatingIfNeeded: -h), name: name) }
        s.pointee = FileStream(handle: h, kind: FileStream.regular)
        return 1
    }

    /// l_checkmode: [rwa]%+?b*
    static func isValidMode(_ mode: [UInt8]) -> Bool {
        var i = 0
        guard i < mode.count, mode[i] == UInt8(ascii: "r") || mode[i] == UInt8(ascii: "w") || mode[i] == UInt8(ascii: "a") else {
            return false
        }
        i += 1
        if i < mode.count && mode[i] == UInt8(ascii: "+") { i += 1 }
        while i < mode.count {
            if mode[i] != UInt8(ascii: "b") { return false }
            i += 1
        }
        return true
    }

    // MARK: lines

    private func ioLines() throws(LuaError) -> Int {
        if argumentCount == 0 { push(.nil) }
        if argument(1).isNil {
            setStackValue(frameBase, try getField(registry, LuaState.ioInputKey))
            _ = try checkOpenFile(1)
            return try makeLinesIterator(closeAtEnd: false)
        }
        let name = try checkString(1).swiftString
        let u = try openCheckedFile(name, mode: "r")
        setStackValue(frameBase, Value(u))
        return try makeLinesIterator(closeAtEnd: true)
    }

    /// aux_lines: a closure over (file, n, toclose, formats...).
    private func makeLinesIterator(closeAtEnd: Bool) throws(LuaError) -> Int {
        let n = argumentCount - 1
        if n > 250 { throw argumentError(252, "too many arguments") }
        let f = try newNativeClosure({ (L: LuaState) throws(LuaError) -> Int in try L.readLineIterator() }, upvalues: 3 + n)
        f.upvalues[0] = argument(1)
        f.upvalues[1] = Value(Int64(n))
        f.upvalues[2] = Value(closeAtEnd)
        for i in 0..<n { f.upvalues[3 + i] = argument(2 + i) }
        return returnValue(Value(f))
    }

    /// io_readline: the iterator of io.lines / f:lines.
    private func readLineIterator() throws(LuaError) -> Int {
        let file = currentNativeUpvalue(0)
        let s = file.userdata.data.assumingMemoryBound(to: FileStream.self)
        if s.pointee.kind == FileStream.closed { throw nativeError("file is already closed") }
        let n = Int(currentNativeUpvalue(1).integer)
        // lua_settop(L, 1), then the formats as arguments 2...
        let base = frameBase
        if stackTop < base + 1 { push(.nil) }
        stackTop = base + 1
        try ensureStack(n + StackLimits.minNative)
        for i in 0..<n { push(currentNativeUpvalue(3 + i)) }
        let count = try readFormats(s.pointee.handle, first: 2)
        // As lua_pushlstring's GC check: a for loop over lines may run no other safe point.
        try collectIfDue()
        let firstResult = valueBelowTop(count)
        if !firstResult.isFalsy { return count }
        if count > 1 {
            let message = valueBelowTop(count - 1)
            throw nativeError(message.isString ? message.string.swiftString : String(decoding: rawToStringBytes(message), as: UTF8.self))
        }
        if !currentNativeUpvalue(2).isFalsy {
            stackTop = base
            _ = try closeStream(s)
        }
        return 0
    }

    // MARK: Reading

    /// g_read: reads with the formats in arguments first...; results are pushed.
    func readFormats(_ handle: Int, first: Int) throws(LuaError) -> Int {
        let nargs = argumentCount - first + 1
        host.files.clearError(handle)
        var success = true
        var results = 0
        if nargs <= 0 {
            try ensureStack(1)
            success = try readLine(handle, keepNewline: false)
            results = 1
        } else {
            try ensureStack(nargs + StackLimits.minNative)
            var n = first
            while n < first + nargs && success {
                let format = argument(n)
                if format.isNumber {
                    let count = try checkInteger(n)
                    success = count == 0 ? try testEndOfFile(handle) : try readCharacters(handle, count)
                } else {
                    let p = try checkString(n).buffer
                    var i = 0
                    if i < p.count && p[i] == UInt8(ascii: "*") { i += 1 }
                    switch i < p.count ? p[i] : 0 {
                    case UInt8(ascii: "n"): success = try readNumber(handle)
                    case UInt8(ascii: "l"): success = try readLine(handle, keepNewline: false)
                    case UInt8(ascii: "L"): success = try readLine(handle, keepNewline: true)
                    case UInt8(ascii: "a"):
                        try readAll(handle)
                        success = true
                    default:
                        throw argumentError(n, "invalid format")
                    }
                }
                results += 1
                n += 1
            }
        }
        let error = host.files.error(handle)
        if error != 0 { return try fileResult(error, name: nil) }
        if !success { setStackValue(stackTop - 1, .nil) }
        return results
    }

    private func testEndOfFile(_ handle: Int) throws(LuaError) -> Bool {
        let c = host.files.readByte(handle)
        host.files.unreadByte(handle, c)
        push(Value(try newString("")))
        return c != -1
    }

    private func readLine(_ handle: Int, keepNewline: Bool) throws(LuaError) -> Bool {
        var line: [UInt8] = []
        var c: Int32 = 0
        if let readLine = host.files.readLine {
            c = readLine(handle, &line)
            if c == 10 && !keepNewline { line.removeLast() }
        } else {
            while true {
                c = host.files.readByte(handle)
                if c == -1 || c == 10 { break }
                line.append(UInt8(truncatingIfNeeded: c))
            }
            if keepNewline && c == 10 { line.append(10) }
        }
        push(Value(try newString(line)))
        return c == 10 || !line.isEmpty
    }

    private func readAll(_ handle: Int) throws(LuaError) {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { host.files.read(handle, $0) }
            if n > 0 { all.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count { break }
        }
        push(Value(try newString(all)))
    }

    private func readCharacters(_ handle: Int, _ count: Int64) throws(LuaError) -> Bool {
        // read_chars asks luaL_Buffer for a block of `count` bytes (a size_t, so a negative count
        // is huge) before reading; a block no address space can hold fails as lua5.3's does.
        if count < 0 || count >= 1 << 47 { throw nativeError("not enough memory for buffer allocation") }
        var wanted = Int(count)
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(wanted, 65536))
        while wanted > 0 {
            let size = min(wanted, chunk.count)
            let n = chunk.withUnsafeMutableBytes { host.files.read(handle, UnsafeMutableRawBufferPointer(rebasing: $0[0..<size])) }
            if n > 0 { data.append(contentsOf: chunk[0..<n]) }
            if n < size { break }
            wanted -= n
        }
        push(Value(try newString(data)))
        return !data.isEmpty
    }

    /// read_number: the longest prefix that can be a numeral (at most 200 bytes), then
    /// lua_stringtonumber.
    private func readNumber(_ handle: Int) throws(LuaError) -> Bool {
        var buffer: [UInt8] = []
        var c = host.files.readByte(handle)
        var valid = true
        // Character classes of a read byte; end of file (-1) becomes 0xFF, which is in none.
        func isSpace(_ c: Int32) -> Bool { CharacterClass.isSpace(UInt8(truncatingIfNeeded: c)) }
        func isDigit(_ c: Int32) -> Bool { CharacterClass.isDigit(UInt8(truncatingIfNeeded: c)) }
        func isHex(_ c: Int32) -> Bool { CharacterClass.isHexDigit(UInt8(truncatingIfNeeded: c)) }
        func next() -> Bool {
            if buffer.count >= 200 {
                valid = false
                return false
            }
            buffer.append(UInt8(truncatingIfNeeded: c))
            c = host.files.readByte(handle)
            return true
        }
        func test2(_ a: UInt8, _ b: UInt8) -> Bool {
            if c == Int32(a) || c == Int32(b) { return next() }
            return false
        }
        func digits(_ hex: Bool) -> Int {
            var count = 0
            while (hex ? isHex(c) : isDigit(c)) && next() { count += 1 }
            return count
        }
        while isSpace(c) { c = host.files.readByte(handle) }
        var count = 0
        var hex = false
        _ = test2(UInt8(ascii: "-"), UInt8(ascii: "+"))
        if test2(UInt8(ascii: "0"), UInt8(ascii: "0")) {
            if test2(UInt8(ascii: "x"), UInt8(ascii: "X")) { hex = true } else { count = 1 }
        }
        count += digits(hex)
        if test2(UInt8(ascii: "."), UInt8(ascii: ".")) { count += digits(hex) }
        if count > 0 && (hex ? test2(UInt8(ascii: "p"), UInt8(ascii: "P")) : test2(UInt8(ascii: "e"), UInt8(ascii: "E"))) {
            _ = test2(UInt8(ascii: "-"), UInt8(ascii: "+"))
            _ = digits(false)
        }
        host.files.unreadByte(handle, c)
        if valid, let n = parseNumeral(buffer, numbers: numbers) {
            switch n {
            case .integer(let i): push(Value(i))
            case .float(let d): push(Value(d))
            }
            return true
        }
        push(.nil)
        return false
    }

    // MARK: Writing

    /// Bytes to a stream: standard output shares print's path, standard error the host's.
    func streamWrite(_ handle: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if handle == 1 {
            writeOutput(bytes)
            return true
        }
        if handle == 2 {
            host.writeError(bytes)
            return true
        }
        return host.files.write(handle, UnsafeRawBufferPointer(bytes))
    }

    func streamFlush(_ handle: Int) -> Int32 {
        if handle == 1 {
            host.flushOutput()
            return 0
        }
        return host.files.flush(handle)
    }

    /// g_write: numbers as "%d" / "%.14g", strings as they are; returns the file on success.
    func writeValues(_ handle: Int, first: Int, count: Int, file: Value) throws(LuaError) -> Int {
        var ok = true
        for n in first..<(first + max(count, 0)) {
            let v = argument(n)
            if v.isNumber {
                let written = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { b -> Bool in
                    let len =
                        v.tag == .integer
                        ? flua_format_integer(b.baseAddress, 64, "%lld", v.integer)
                        : flua_format_double(b.baseAddress, 64, "%.14g", v.float)
                    let bytes = UnsafeRawBufferPointer(start: b.baseAddress, count: Int(len)).bindMemory(to: UInt8.self)
                    return streamWrite(handle, bytes)
                }
                if !written { ok = false }
            } else {
                let s = try checkString(n)
                if !streamWrite(handle, s.buffer) { ok = false }
            }
        }
        if ok { return returnValue(file) }
        let error = host.files.error(handle)
        return try fileResult(error == 0 ? 5 : error, name: nil)
    }
}
