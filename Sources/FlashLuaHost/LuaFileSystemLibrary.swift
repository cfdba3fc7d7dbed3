import FlashLua

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `lfs`, LuaFileSystem 1.8's API (what Debian's lua-filesystem gives lua5.3 as a C module), for
/// the desktop `flashlua`: C modules cannot load into FlashLua, and much real Lua code (Penlight,
/// busted, LuaRocks) needs lfs. Offered through package.preload; messages are lfs.c's.
extension LuaState {
    static let directoryMetatableName: StaticString = "directory metatable"

    /// package.preload.lfs = the opener.
    public func preloadLuaFileSystem() throws(LuaScriptError) {
        do throws(LuaError) {
            let preload = try getField(registry, "_PRELOAD")
            guard preload.isTable else { return }
            let opener = try newNativeClosure { (L: LuaState) throws(LuaError) -> Int in try L.openLuaFileSystem() }
            try setField(preload.table, "lfs", Value(opener))
        } catch {
            throw LuaScriptError(message: "cannot preload lfs: not enough memory")
        }
    }

    private func openLuaFileSystem() throws(LuaError) -> Int {
        let mt = try newTable()
        try setField(registry, LuaState.directoryMetatableName, Value(mt))
        let methods = try newTable()
        try register(
            methods,
            [
                ("next", { (L: LuaState) throws(LuaError) -> Int in try L.directoryNext() }),
                ("close", { (L: LuaState) throws(LuaError) -> Int in try L.directoryClose() }),
            ])
        try setField(mt, "__index", Value(methods))
        try register(
            mt,
            [
                ("__gc", { (L: LuaState) throws(LuaError) -> Int in try L.directoryClose() }),
                (
                    "__tostring",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let d = try L.checkDirectory(1)
                        let text = d.pointee.closed ? "directory (closed)" : "directory (\(d))"
                        return try L.returnValues(Value(try L.newString(text)))
                    }
                ),
            ])
        try setField(mt, "__name", Value(try newString(LuaState.directoryMetatableName)))
        let lib = try newTable()
        try register(
            lib,
            [
                ("attributes", { (L: LuaState) throws(LuaError) -> Int in try L.fileAttributes(followLinks: true) }),
                ("symlinkattributes", { (L: LuaState) throws(LuaError) -> Int in try L.fileAttributes(followLinks: false) }),
                ("chdir", { (L: LuaState) throws(LuaError) -> Int in try L.changeDirectory() }),
                ("currentdir", { (L: LuaState) throws(LuaError) -> Int in try L.currentDirectory() }),
                ("dir", { (L: LuaState) throws(LuaError) -> Int in try L.openDirectory() }),
                (
                    "mkdir",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let path = try L.checkString(1).swiftString
                        return try L.posixResult(mkdir(path, 0o777))
                    }
                ),
                (
                    "rmdir",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let path = try L.checkString(1).swiftString
                        return try L.posixResult(rmdir(path))
                    }
                ),
                ("touch", { (L: LuaState) throws(LuaError) -> Int in try L.touchFile() }),
                (
                    "link",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let old = try L.checkString(1).swiftString
                        let new = try L.checkString(2).swiftString
                        let symbolic = !L.argument(3).isFalsy
                        return try L.posixResult(symbolic ? symlink(old, new) : link(old, new))
                    }
                ),
                (
                    "setmode",
                    { (L: LuaState) throws(LuaError) -> Int in
                        // POSIX files have no text mode: lfs answers true, "binary".
                        guard L.argument(1).tag == .userdata else { throw L.argumentTypeError(1, expected: "FILE*") }
                        return try L.returnValues(.true, Value(try L.newString("binary")))
                    }
                ),
                ("lock", { (L: LuaState) throws(LuaError) -> Int in try L.unsupported("lock") }),
                ("unlock", { (L: LuaState) throws(LuaError) -> Int in try L.unsupported("unlock") }),
                ("lock_dir", { (L: LuaState) throws(LuaError) -> Int in try L.unsupported("lock_dir") }),
            ])
        try setField(lib, "_VERSION", Value(try newString("LuaFileSystem 1.8.0")))
        try setField(lib, "_COPYRIGHT", Value(try newString("Copyright (C) 2003-2017 Kepler Project")))
        try setField(
            lib, "_DESCRIPTION",
            Value(
                try newString(
                    "LuaFileSystem is a Lua library developed to complement the set of functions related to file systems offered by the standard Lua distribution"
                )))
        return returnValue(Value(lib))
    }

    /// true, or nil, strerror(errno), errno (lfs's pushresult).
    private func posixResult(_ status: Int32) throws(LuaError) -> Int {
        if status == 0 { return try returnValues(.true) }
        let code = errno
        return try returnValues(.nil, Value(try newString(String(cString: strerror(code)))), Value(Int64(code)))
    }

    private func unsupported(_ name: String) throws(LuaError) -> Int {
        try returnValues(.nil, Value(try newString("lfs.\(name) is not supported by flashlua")))
    }

    // MARK: attributes

    private func fileAttributes(followLinks: Bool) throws(LuaError) -> Int {
        let path = try checkString(1).swiftString
        var st = stat()
        let status = followLinks ? stat(path, &st) : lstat(path, &st)
        if status != 0 {
            let code = errno
            return try returnValues(
                .nil, Value(try newString("cannot obtain information from file '\(path)': \(String(cString: strerror(code)))")),
                Value(Int64(code)))
        }
        var fields: [(StaticString, Value)] = [
            ("mode", Value(try newString(LuaState.modeName(st.st_mode)))),
            ("dev", Value(Int64(st.st_dev))), ("ino", Value(Int64(st.st_ino))), ("nlink", Value(Int64(st.st_nlink))),
            ("uid", Value(Int64(st.st_uid))), ("gid", Value(Int64(st.st_gid))), ("rdev", Value(Int64(st.st_rdev))),
            ("access", Value(Int64(st.st_atim.tv_sec))), ("modification", Value(Int64(st.st_mtim.tv_sec))),
            ("change", Value(Int64(st.st_ctim.tv_sec))), ("size", Value(Int64(st.st_size))),
            ("permissions", Value(try newString(LuaState.permissions(st.st_mode)))),
            ("blocks", Value(Int64(st.st_blocks))), ("blksize", Value(Int64(st.st_blksize))),
        ]
        if !followLinks && (st.st_mode & S_IFMT) == S_IFLNK {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buffer, buffer.count - 1)
            if n >= 0 {
                let bytes = buffer[0..<n].map { UInt8(bitPattern: $0) }
                fields.append(("target", Value(try newString(bytes))))
            }
        }
        let request = argument(2)
        if request.isString {
            let name = request.string.swiftString
            for (key, v) in fields where "\(key)" == name { return try returnValues(v) }
            throw nativeError("invalid attribute name '\(name)'")
        }
        let table: LuaTable
        if request.isTable { table = request.table } else { table = try newTable(arraySize: 0, hashSize: fields.count) }
        push(Value(table))
        for (key, v) in fields { try setField(table, key, v) }
        return 1
    }

    static func modeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "file"
        case S_IFDIR: "directory"
        case S_IFLNK: "link"
        case S_IFSOCK: "socket"
        case S_IFIFO: "named pipe"
        case S_IFCHR: "char device"
        case S_IFBLK: "block device"
        default: "other"
        }
    }

    static func permissions(_ mode: mode_t) -> String {
        let bits: [(mode_t, Character)] = [
            (S_IRUSR, "r"), (S_IWUSR, "w"), (S_IXUSR, "x"), (S_IRGRP, "r"), (S_IWGRP, "w"), (S_IXGRP, "x"),
            (S_IROTH, "r"), (S_IWOTH, "w"), (S_IXOTH, "x"),
        ]
        return String(bits.map { mode & $0.0 != 0 ? $0.1 : "-" })
    }

    // MARK: directories

    private func changeDirectory() throws(LuaError) -> Int {
        let path = try checkString(1).swiftString
        if chdir(path) != 0 {
            let reason = String(cString: strerror(errno))
            return try returnValues(.nil, Value(try newString("Unable to change working directory to '\(path)'\n\(reason)\n")))
        }
        return try returnValues(.true)
    }

    private func currentDirectory() throws(LuaError) -> Int {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else {
            let code = errno
            return try returnValues(.nil, Value(try newString(String(cString: strerror(code)))), Value(Int64(code)))
        }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return try returnValues(Value(try newString(buffer[0..<length].map { UInt8(bitPattern: $0) })))
    }

    struct DirectoryStream {
        var handle: OpaquePointer?
        var closed: Bool
    }

    private func openDirectory() throws(LuaError) -> Int {
        let path = try checkString(1).swiftString
        let mt = try getField(registry, LuaState.directoryMetatableName)
        let u = try newUserdata(length: MemoryLayout<DirectoryStream>.stride)
        let d = u.data.bindMemory(to: DirectoryStream.self, capacity: 1)
        d.initialize(to: DirectoryStream(handle: nil, closed: true))
        u.metatable = mt.isTable ? mt.table : nil
        if mt.isTable { checkFinalizer(u.raw, mt.table) }
        push(Value(u))  // anchored while the message may allocate
        guard let handle = opendir(path) else {
            throw nativeError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        d.pointee = DirectoryStream(handle: handle, closed: false)
        stackTop -= 1
        let iterator = try newNativeClosure { (L: LuaState) throws(LuaError) -> Int in try L.directoryNext() }
        return try returnValues(Value(iterator), Value(u))
    }

    private func checkDirectory(_ n: Int) throws(LuaError) -> UnsafeMutablePointer<DirectoryStream> {
        let v = argument(n)
        let mt = try getField(registry, LuaState.directoryMetatableName)
        guard v.tag == .userdata, let m = v.userdata.metatable, mt.isTable, m.raw == mt.table.raw else {
            throw argumentTypeError(n, expected: "directory metatable")
        }
        return v.userdata.data.assumingMemoryBound(to: DirectoryStream.self)
    }

    private func directoryNext() throws(LuaError) -> Int {
        let d = try checkDirectory(1)
        if d.pointee.closed { throw argumentError(1, "closed directory") }
        if let handle = d.pointee.handle, let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                let bytes = raw.bindMemory(to: UInt8.self)
                return Array(bytes.prefix { $0 != 0 })
            }
            return try returnValues(Value(try newString(name)))
        }
        if let handle = d.pointee.handle { closedir(handle) }
        d.pointee = DirectoryStream(handle: nil, closed: true)
        return try returnValues(.nil)
    }

    private func directoryClose() throws(LuaError) -> Int {
        let d = try checkDirectory(1)
        if !d.pointee.closed, let handle = d.pointee.handle { closedir(handle) }
        d.pointee = DirectoryStream(handle: nil, closed: true)
        return 0
    }

    // MARK: touch

    private func touchFile() throws(LuaError) -> Int {
        let path = try checkString(1).swiftString
        if argument(2).isNil && argument(3).isNil { return try posixResult(utime(path, nil)) }
        let access = argument(2).isNil ? Int64(time(nil)) : try checkInteger(2)
        let modification = argument(3).isNil ? access : try checkInteger(3)
        var times = utimbuf(actime: time_t(access), modtime: time_t(modification))
        return try posixResult(utime(path, &times))
    }
}
