import FlashLuaCore
import FlashLuaText

/// A `file.obj` userdata's payload: the file system's handle while the file is open.
struct DeviceFileObject {
    var slot: Int
    var serial: Int
    var isOpen: Bool

    var file: DeviceFile { DeviceFile(slot: slot, serial: serial) }

    static let closed = DeviceFileObject(slot: -1, serial: 0, isOpen: false)
}

/// NodeMCU's `file` module (app/modules/file.c) over the host's DeviceFileSystem.
///
/// Both of NodeMCU's models work: the object model (`fd = file.open(...)`, `fd:read()`), and
/// the basic model, where `file.read()`, `file.write(s)`, ... act on the file opened last (the
/// "current file"), and `file.close()` closes it. As in file.c, each of these functions also
/// takes a file object as its first argument. Return conventions are NodeMCU's: open returns
/// the object or nil, read/readline a string or nil at the end of the file, write/writeline and
/// flush true or nil, seek the position or nil, close nothing. When the file system refuses
/// (missing file, full, too many open files, wrong mode) the nil (false for rename) is followed
/// by the reason, e.g. `nil, "file system is full"`, which NodeMCU code ignores and
/// `assert(fd:write(s))` reports. Bad arguments — a name SPIFFS cannot have, an unknown mode —
/// are Lua errors ("bad argument #1 to 'open' (filename too long (32 bytes, at most 31))").
extension LuaState {
    static let deviceFileObjectName: StaticString = "file.obj"
    /// Registry key of the current file of the basic model.
    static let currentDeviceFileKey: StaticString = "_FILE_current"
    /// NodeMCU's FILE_READ_CHUNK: what read() and readline() read at most.
    static let fileReadChunk = 1024

    func openFileLibrary() throws(LuaError) {
        blockCollector()
        defer { unblockCollector() }
        // luaL_newmetatable("file.obj"); every function keeps it as upvalue 1 to recognize file
        // objects (as io's functions keep FILE*'s).
        let metatable = try newTable(arraySize: 0, hashSize: 16)
        try setField(registry, LuaState.deviceFileObjectName, Value(metatable))
        try setField(metatable, "__name", Value(try newString(LuaState.deviceFileObjectName)))
        try setField(metatable, "__index", Value(metatable))
        let lib = try newTable(arraySize: 0, hashSize: 32)

        // The file access functions: methods of file objects and module functions alike.
        let access: [(StaticString, NativeFunction)] = [
            ("close", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileClose() }),
            ("read", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileRead(lineOnly: false) }),
            ("readline", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileRead(lineOnly: true) }),
            ("write", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileWrite(newline: false) }),
            ("writeline", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileWrite(newline: true) }),
            ("seek", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileSeek() }),
            ("flush", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileFlush() }),
        ]
        try registerFileFunctions(metatable, metatable, access)
        try registerFileFunctions(lib, metatable, access)
        try registerFileFunctions(
            metatable, metatable,
            [
                (
                    "__gc",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // An abandoned handle gives its slot back (NodeMCU's file_obj_free).
                        if let object = L.deviceFileObject(L.argument(1)), object.pointee.isOpen {
                            L.device.fileSystem.close(object.pointee.file)
                            object.pointee = .closed
                        }
                        return 0
                    }
                )
            ])
        try registerFileFunctions(
            lib, metatable,
            [
                ("open", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileOpen() }),
                ("list", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileList() }),
                (
                    "remove",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkDeviceFileName(1)
                        // NodeMCU's file.remove returns nothing, whether or not the file existed.
                        try? L.device.fileSystem.remove(name)
                        return 0
                    }
                ),
                (
                    "rename",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let oldName = try L.checkDeviceFileName(1)
                        let newName = try L.checkDeviceFileName(2)
                        do throws(DeviceFileError) {
                            try L.device.fileSystem.rename(oldName, to: newName)
                        } catch {
                            return try L.returnValues(.false, Value(try L.newString(error.message)))
                        }
                        return L.returnValue(.true)
                    }
                ),
                (
                    "exists",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkDeviceFileName(1)
                        return L.returnValue(Value((try? L.device.fileSystem.exists(name)) ?? false))
                    }
                ),
                (
                    "getcontents",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkDeviceFileName(1)
                        let bytes: [UInt8]
                        do throws(DeviceFileError) {
                            bytes = try L.device.fileSystem.contents(of: name)
                        } catch {
                            return try L.deviceFileFailure(error, name: L.argument(1))
                        }
                        return L.returnValue(Value(try L.newString(bytes)))
                    }
                ),
                (
                    "putcontents",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkDeviceFileName(1)
                        let contents = try L.checkString(2).array
                        do throws(DeviceFileError) {
                            try L.device.fileSystem.replaceContents(of: name, with: contents)
                        } catch {
                            return try L.deviceFileFailure(error, name: L.argument(1))
                        }
                        return L.returnValue(.true)
                    }
                ),
                (
                    "fsinfo",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let usage = L.device.fileSystem.usage()
                        return try L.returnValues(Value(Int64(usage.remaining)), Value(Int64(usage.used)), Value(Int64(usage.total)))
                    }
                ),
                ("stat", { (L: LuaState) throws(LuaError) -> Int in try L.deviceFileStat() }),
                (
                    "format",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // As file.c: the current file is closed first.
                        try L.setFrameCount(0)
                        _ = try L.deviceFileClose()
                        do throws(DeviceFileError) {
                            try L.device.fileSystem.format()
                        } catch {
                            throw L.nativeError("Failed to format file system (\(error.message))")
                        }
                        return 0
                    }
                ),
                (
                    "fscfg",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let fs = L.device.fileSystem
                        return try L.returnValues(Value(Int64(fs.partitionAddress)), Value(Int64(fs.partitionSize)))
                    }
                ),
            ])
        try setField(globals, "file", Value(lib))
        try setLoaded("file", Value(lib))
    }

    private func registerFileFunctions(_ table: LuaTable, _ metatable: LuaTable, _ functions: [(StaticString, NativeFunction)])
        throws(LuaError)
    {
        for (name, f) in functions {
            let fn = try newNativeClosure(f, upvalues: 1)
            fn.upvalues[0] = Value(metatable)
            try rawSet(table, Value(try newString(name)), Value(fn))
        }
    }

    // MARK: File objects

    /// The payload of a file object (a userdata with the file.obj metatable), else nil.
    func deviceFileObject(_ v: Value) -> UnsafeMutablePointer<DeviceFileObject>? {
        guard v.tag == .userdata, let mt = v.userdata.metatable, mt.raw == currentNativeUpvalue(0).table.raw else { return nil }
        return v.userdata.data.assumingMemoryBound(to: DeviceFileObject.self)
    }

    /// luaL_checkudata(n, "file.obj").
    private func checkDeviceFileObject(_ n: Int) throws(LuaError) -> UnsafeMutablePointer<DeviceFileObject> {
        guard let object = deviceFileObject(argument(n)) else { throw argumentTypeError(n, expected: "file.obj") }
        return object
    }

    /// What a file access function works on (file.c's GET_FILE_OBJ): a file object as argument 1,
    /// its own arguments after it; otherwise the current file, arguments from 1.
    private func targetDeviceFile() throws(LuaError) -> (file: DeviceFile, firstArgument: Int) {
        if argument(1).tag == .userdata {
            let object = try checkDeviceFileObject(1)
            guard object.pointee.isOpen else { throw nativeError("attempt to use a closed file") }
            return (object.pointee.file, 2)
        }
        guard let object = deviceFileObject(try getField(registry, LuaState.currentDeviceFileKey)), object.pointee.isOpen else {
            throw nativeError("open a file first")
        }
        return (object.pointee.file, 1)
    }

    /// A name argument as the file system stores it; a name SPIFFS cannot have is a bad argument
    /// (file.c's luaL_argcheck "filename invalid", with the reason).
    private func checkDeviceFileName(_ n: Int) throws(LuaError) -> [UInt8] {
        let text = try checkString(n)
        do throws(DeviceFileError) {
            return try DeviceFileSystem.validName(text.buffer)
        } catch {
            throw argumentError(n, error.message)
        }
    }

    /// A refusal of the file system: nil and the reason ("name: reason" when about a name).
    private func deviceFileFailure(_ error: DeviceFileError, name: Value = .nil) throws(LuaError) -> Int {
        var message: [UInt8] = []
        if name.isString {
            message.append(contentsOf: name.string.buffer)
            message.append(contentsOf: ": ".utf8)
        }
        message.append(contentsOf: error.message.utf8)
        return try returnValues(.nil, Value(try newString(message)))
    }

    // MARK: Functions

    /// file.open(name [, mode]): a file object, which also becomes the current file; nil when
    /// the file system cannot open it.
    private func deviceFileOpen() throws(LuaError) -> Int {
        // As file.c: the previous current file stops being current (it stays open until closed
        // or collected), and a failed open leaves no current file.
        try setField(registry, LuaState.currentDeviceFileKey, .nil)
        let name = try checkDeviceFileName(1)
        var mode = DeviceFileMode.read
        if let text = try optionalString(2) {
            guard let parsed = DeviceFileMode(text.buffer) else {
                throw argumentError(2, "invalid mode '\(text.swiftString)' (r, w, a, r+, w+ or a+)")
            }
            mode = parsed
        }
        // The object exists (and is anchored on the stack) before the file is opened, so a
        // memory error cannot leave an open file without an owner to close it.
        let u = try newUserdata(length: MemoryLayout<DeviceFileObject>.stride)
        let object = u.data.bindMemory(to: DeviceFileObject.self, capacity: 1)
        object.initialize(to: .closed)
        let metatable = currentNativeUpvalue(0).table
        u.metatable = metatable
        checkFinalizer(u.raw, metatable)
        push(Value(u))
        let file: DeviceFile
        do throws(DeviceFileError) {
            file = try device.fileSystem.open(name, mode: mode)
        } catch {
            return try deviceFileFailure(error, name: argument(1))
        }
        object.pointee = DeviceFileObject(slot: file.slot, serial: file.serial, isOpen: true)
        try setField(registry, LuaState.currentDeviceFileKey, Value(u))
        return returnValue(Value(u))
    }

    /// close(): the given file object, else the current file; closing a closed file is allowed.
    private func deviceFileClose() throws(LuaError) -> Int {
        let target: Value
        if argument(1).tag == .userdata {
            _ = try checkDeviceFileObject(1)
            target = argument(1)
        } else {
            target = try getField(registry, LuaState.currentDeviceFileKey)
        }
        guard let object = deviceFileObject(target) else { return 0 }
        if object.pointee.isOpen {
            device.fileSystem.close(object.pointee.file)
            object.pointee = .closed
        }
        let current = try getField(registry, LuaState.currentDeviceFileKey)
        if current.tag == .userdata && current.userdata == target.userdata {
            try setField(registry, LuaState.currentDeviceFileKey, .nil)
        }
        return 0
    }

    /// read([n_or_char]) and readline(): up to n bytes (1024 when absent or not positive), or
    /// up to and including the character (at most 1024 bytes); nil at the end of the file.
    private func deviceFileRead(lineOnly: Bool) throws(LuaError) -> Int {
        let (file, n) = try targetDeviceFile()
        var count = LuaState.fileReadChunk
        var delimiter: UInt8? = lineOnly ? 10 : nil
        if !lineOnly {
            let format = argument(n)
            if format.isNumber {
                let wanted = try checkInteger(n)
                if wanted > 0 { count = Int(clamping: wanted) }
            } else if format.isString {
                guard format.string.count == 1 else { throw argumentError(n, "number or single character expected") }
                delimiter = format.string.buffer[0]
            } else if !format.isNil {
                throw argumentTypeError(n, expected: "number or string")
            }
        }
        let bytes: [UInt8]
        do throws(DeviceFileError) {
            bytes = try device.fileSystem.read(file, maximumCount: count, through: delimiter)
        } catch {
            return try deviceFileFailure(error)
        }
        if bytes.isEmpty { return returnValue(.nil) }
        return returnValue(Value(try newString(bytes)))
    }

    /// write(s) and writeline(s) (s followed by "\n"): true, or nil when the bytes cannot all be
    /// written (nothing is written then; writeline writes both parts or neither).
    private func deviceFileWrite(newline: Bool) throws(LuaError) -> Int {
        let (file, n) = try targetDeviceFile()
        let text = try checkString(n)
        do throws(DeviceFileError) {
            if newline {
                var bytes = text.array
                bytes.append(10)
                try device.fileSystem.write(file, bytes)
            } else {
                try device.fileSystem.write(file, UnsafeRawBufferPointer(text.buffer))
            }
        } catch {
            return try deviceFileFailure(error)
        }
        return returnValue(.true)
    }

    /// seek([whence [, offset]]): whence "set", "cur" (the default) or "end"; the new position,
    /// or nil when it would be outside the file.
    private func deviceFileSeek() throws(LuaError) -> Int {
        let (file, n) = try targetDeviceFile()
        let bases: [DeviceSeekBase] = [.start, .current, .end]
        let whence = try checkOption(n, default: "cur", ["set", "cur", "end"])
        let offset = try optionalInteger(n + 1, default: 0)
        let position: Int
        do throws(DeviceFileError) {
            position = try device.fileSystem.seek(file, from: bases[whence], offset: Int(clamping: offset))
        } catch {
            return try deviceFileFailure(error)
        }
        return returnValue(Value(Int64(position)))
    }

    private func deviceFileFlush() throws(LuaError) -> Int {
        let (file, _) = try targetDeviceFile()
        do throws(DeviceFileError) {
            try device.fileSystem.flush(file)
        } catch {
            return try deviceFileFailure(error)
        }
        return returnValue(.true)
    }

    /// file.list([pattern]): {name = size} of every file, or of those whose name matches the Lua
    /// pattern (as string.find; a malformed pattern is an error, as in NodeMCU).
    private func deviceFileList() throws(LuaError) -> Int {
        let pattern = try optionalString(1)
        let files = device.fileSystem.list()
        let list = try newTable(hashSize: files.count)
        push(Value(list))
        for entry in files {
            if let pattern, !(try deviceFileNameMatches(entry.name, pattern)) { continue }
            try rawSet(list, Value(try newString(entry.name)), Value(Int64(entry.size)))
        }
        return 1
    }

    private func deviceFileNameMatches(_ name: [UInt8], _ pattern: LuaString) throws(LuaError) -> Bool {
        let p = pattern.buffer
        let anchored = p.count > 0 && p[0] == UInt8(ascii: "^")
        let body = anchored ? UnsafeBufferPointer(rebasing: p[1...]) : p
        return try name.withUnsafeBufferPointer { (subject) throws(LuaError) -> Bool in
            try PatternMatcher.withMatcher(source: subject, pattern: body) { (m) throws(LuaError) -> Bool in
                do throws(TextError) {
                    return try m.find(from: 0, anchored: anchored) != nil
                } catch {
                    throw textError(error)
                }
            }
        }
    }

    /// file.stat(name): {name, size, time, is_dir, is_rdonly, is_hidden, is_sys, is_arch}, or nil.
    private func deviceFileStat() throws(LuaError) -> Int {
        let name = try checkDeviceFileName(1)
        let status: DeviceFileStatus
        do throws(DeviceFileError) {
            status = try device.fileSystem.status(name)
        } catch {
            return try deviceFileFailure(error, name: argument(1))
        }
        let table = try newTable(hashSize: 8)
        push(Value(table))
        try setField(table, "size", Value(Int64(status.size)))
        try setField(table, "name", Value(try newString(status.name)))
        for flag: StaticString in ["is_dir", "is_rdonly", "is_hidden", "is_sys", "is_arch"] { try setField(table, flag, .false) }
        // SPIFFS keeps no time stamps: file.c's default, 1970-01-01 00:00:00.
        let time = try newTable(hashSize: 8)
        try setField(table, "time", Value(time))
        for (field, value): (StaticString, Int64) in [("year", 1970), ("mon", 1), ("day", 1), ("hour", 0), ("min", 0), ("sec", 0)] {
            try setField(time, field, Value(value))
        }
        return 1
    }
}
