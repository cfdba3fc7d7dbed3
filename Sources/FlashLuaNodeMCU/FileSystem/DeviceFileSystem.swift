import FlashLuaCore
/// The device's file system: NodeMCU's SPIFFS as the `file` module (and boot, node.compile)
/// sees it. The host supplies only where the bytes live (`DeviceFileStorage`: a folder on a
/// desktop, memory in a test); SPIFFS's rules are enforced here, once for every host:
///
/// - Names are flat: no directories. NodeMCU's "/FLASH/" drive prefix is accepted and removed,
///   so "/FLASH/init.lua" is "init.lua". Any other '/' is refused, as are empty names and names
///   with a zero byte.
/// - A name has at most 31 bytes (NodeMCU's FS_OBJ_NAME_LEN: SPIFFS_OBJ_NAME_LEN 32 with the
///   terminating zero).
/// - At most 4 files are open at once (NodeMCU's SPIFFS_MAX_OPEN_FILES); opening a fifth fails
///   until one is closed (by `close` or by the collector finalizing an abandoned handle).
/// - Capacity, in 256-byte pages (SPIFFS's logical page size):
///   * total = (partition size - 2 blocks of 4 KB) rounded down to whole pages. SPIFFS keeps two
///     erase blocks free for garbage collection and spends pages on lookup tables; the 8 KB
///     reserve stands for both, so a 64 KB partition offers 56 KB (SPIFFS_info on a chip
///     reports a similar share).
///   * a file costs 1 page for its object index header (every file, even an empty one) plus
///     ceil(size / 256) data pages; used = the sum over all files, in bytes (pages * 256).
///   * a write (or a create) that needs more pages than remain fails with "file system is full"
///     and writes nothing at all: writes are all or nothing (real SPIFFS writes what fits, then
///     fails; either way NodeMCU's file.write returns nil). Writing over existing bytes costs no
///     new pages.
/// - Positions: reads and writes start at the handle's position; seeking past the end fails
///   (SPIFFS_lseek answers END_OF_OBJECT) and leaves the position at the end. Append modes
///   always write at the end.
/// - Removing or renaming a file that is open is allowed: a handle follows a rename; after a
///   remove its reads and writes fail.
/// - SPIFFS keeps no time stamps; `status` passes on the host's modification time when it has
///   one (the `file` module reports 1970-01-01 00:00:00 as NodeMCU does on SPIFFS).
///
/// Copies of a DeviceFileSystem share their open files (a reference-type table), so the value
/// can sit in HostServices and be copied freely.
public struct DeviceFileSystem {
    public static let pageSize = 256
    public static let blockSize = 4096
    /// Blocks SPIFFS keeps for its own use (garbage collection, lookup pages).
    public static let reservedBlocks = 2
    public static let maximumNameLength = 31
    public static let defaultMaximumOpenFiles = 4
    /// NodeMCU's name of the internal flash drive; a name may start with it.
    static let flashDrivePrefix: StaticString = "/FLASH/"

    /// Where the files are kept.
    public let storage: DeviceFileStorage
    /// Size in bytes of the SPIFFS partition (the capacity model starts from it).
    public let partitionSize: Int
    /// Flash address of the partition (file.fscfg).
    public let partitionAddress: Int
    public let maximumOpenFiles: Int
    /// False for the placeholder made by `init()`: every operation answers `.unavailable`.
    public let isMounted: Bool
    let openFiles: OpenFileTable

    /// No file system: a state whose host supplies none gets `.unavailable` from every operation.
    public init() {
        storage = DeviceFileStorage()
        partitionSize = 0
        partitionAddress = 0
        maximumOpenFiles = 0
        isMounted = false
        openFiles = OpenFileTable()
    }

    /// A file system over `storage` with the capacity of a `partitionSize`-byte SPIFFS partition.
    public init(
        storage: DeviceFileStorage, partitionSize: Int, partitionAddress: Int = 0,
        maximumOpenFiles: Int = DeviceFileSystem.defaultMaximumOpenFiles
    ) {
        self.storage = storage
        self.partitionSize = max(0, partitionSize)
        self.partitionAddress = partitionAddress
        self.maximumOpenFiles = max(1, maximumOpenFiles)
        isMounted = true
        openFiles = OpenFileTable()
    }

    // MARK: Names

    /// The SPIFFS name for `name` ("/FLASH/" removed), or `.invalidName` with the reason.
    public static func validName(_ name: UnsafeBufferPointer<UInt8>) throws(DeviceFileError) -> [UInt8] {
        var start = 0
        let prefix = UnsafeBufferPointer(start: flashDrivePrefix.utf8Start, count: flashDrivePrefix.utf8CodeUnitCount)
        if name.count >= prefix.count && name[0..<prefix.count].elementsEqual(prefix) { start = prefix.count }
        let bare = name[start...]
        if bare.isEmpty { throw .invalidName("filename is empty") }
        if bare.contains(0) { throw .invalidName("filename contains a zero byte") }
        if bare.contains(UInt8(ascii: "/")) { throw .invalidName("filename has a directory (SPIFFS names are flat)") }
        if bare.count > maximumNameLength {
            throw .invalidName("filename too long (\(bare.count) bytes, at most \(maximumNameLength))")
        }
        return Array(bare)
    }

    public static func validName(_ name: [UInt8]) throws(DeviceFileError) -> [UInt8] {
        try name.withUnsafeBufferPointer { (b) throws(DeviceFileError) in try validName(b) }
    }

    /// A name the file system could have made (valid and already without a prefix).
    static func isStoredName(_ name: [UInt8]) -> Bool {
        guard let valid = try? validName(name) else { return false }
        return valid.count == name.count
    }

    // MARK: Capacity

    /// Pages a file of `size` bytes occupies: its index header and its data pages.
    public static func pages(forSize size: Int) -> Int { 1 + (size + pageSize - 1) / pageSize }

    /// Pages the files may use in all.
    public var totalPages: Int {
        max(0, partitionSize - DeviceFileSystem.reservedBlocks * DeviceFileSystem.blockSize) / DeviceFileSystem.pageSize
    }

    func usedPages() -> Int {
        var pages = 0
        for file in list() { pages += DeviceFileSystem.pages(forSize: file.size) }
        return pages
    }

    /// file.fsinfo: bytes remaining, used and in total.
    public func usage() -> DeviceFileSystemUsage {
        let total = totalPages * DeviceFileSystem.pageSize
        let used = usedPages() * DeviceFileSystem.pageSize
        return DeviceFileSystemUsage(remaining: max(0, total - used), used: used, total: total)
    }

    /// Fails with `.full` unless a file growing from `oldSize` to `newSize` bytes (-1: a new
    /// file) still fits.
    func checkRoom(growingFrom oldSize: Int, to newSize: Int) throws(DeviceFileError) {
        let oldPages = oldSize < 0 ? 0 : DeviceFileSystem.pages(forSize: oldSize)
        let newPages = DeviceFileSystem.pages(forSize: newSize)
        if newPages <= oldPages { return }
        if usedPages() - oldPages + newPages > totalPages { throw .full }
    }

    // MARK: Whole file system

    /// Every file with its size, sorted by name. Files the host holds under names SPIFFS could
    /// not have (too long, nested) are not part of the device's file system.
    public func list() -> [DeviceFileStatus] {
        guard isMounted else { return [] }
        var files: [DeviceFileStatus] = []
        for file in storage.list() where DeviceFileSystem.isStoredName(file.name) { files.append(file) }
        files.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return files
    }

    public func status(_ name: [UInt8]) throws(DeviceFileError) -> DeviceFileStatus {
        let name = try checkedName(name)
        guard let status = storage.status(name) else { throw .notFound }
        return status
    }

    public func exists(_ name: [UInt8]) throws(DeviceFileError) -> Bool {
        let name = try checkedName(name)
        return storage.status(name) != nil
    }

    public func remove(_ name: [UInt8]) throws(DeviceFileError) {
        let name = try checkedName(name)
        guard storage.status(name) != nil else { throw .notFound }
        guard storage.remove(name) else { throw .storageFailure("cannot remove the file") }
        openFiles.detach(name)
    }

    /// Renames a file; the new name must not exist (SPIFFS_rename's conflicting-name rule).
    public func rename(_ oldName: [UInt8], to newName: [UInt8]) throws(DeviceFileError) {
        let oldName = try checkedName(oldName)
        let newName = try checkedName(newName)
        guard storage.status(oldName) != nil else { throw .notFound }
        guard storage.status(newName) == nil else { throw .alreadyExists }
        guard storage.rename(oldName, newName) else { throw .storageFailure("cannot rename the file") }
        openFiles.rename(oldName, to: newName)
    }

    /// file.format: removes every file (open handles then fail as after `remove`).
    public func format() throws(DeviceFileError) {
        guard isMounted else { throw .unavailable }
        for file in list() {
            guard storage.remove(file.name) else { throw .storageFailure("cannot remove the file") }
            openFiles.detach(file.name)
        }
    }

    /// Forgets every open file, as a reset does (a host that restarts the device without
    /// closing the old Lua state calls this so the new state has every slot).
    public func closeAllFiles() { openFiles.entries.removeAll() }

    public var openFileCount: Int { openFiles.entries.reduce(0) { $1 == nil ? $0 : $0 + 1 } }

    // MARK: Open files

    public func open(_ name: [UInt8], mode: DeviceFileMode) throws(DeviceFileError) -> DeviceFile {
        let name = try checkedName(name)
        guard openFileCount < maximumOpenFiles else { throw .tooManyOpenFiles }
        if let existing = storage.status(name) {
            if mode.truncates && existing.size > 0 {
                guard storage.resize(name, 0) else { throw .storageFailure("cannot truncate the file") }
            }
        } else {
            guard mode.creates else { throw .notFound }
            try checkRoom(growingFrom: -1, to: 0)
            guard storage.resize(name, 0) else { throw .storageFailure("cannot create the file") }
        }
        return openFiles.add(OpenFileTable.Entry(name: name, mode: mode))
    }

    /// Reads at most `maximumCount` bytes from the position, stopping after the first
    /// `delimiter` when one is given; empty at the end of the file.
    public func read(_ file: DeviceFile, maximumCount: Int, through delimiter: UInt8? = nil) throws(DeviceFileError) -> [UInt8] {
        let entry = try openEntry(file)
        guard entry.mode.readable else { throw .notReadable }
        guard let status = storage.status(entry.name) else { throw .notFound }
        let count = min(max(0, maximumCount), max(0, status.size - entry.position))
        if count == 0 { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { storage.read(entry.name, entry.position, $0) }
        guard let got else { throw .storageFailure("cannot read the file") }
        bytes.removeLast(count - got)
        if let delimiter, let at = bytes.firstIndex(of: delimiter) { bytes.removeLast(bytes.count - at - 1) }
        openFiles.entries[file.slot]!.position += bytes.count
        return bytes
    }

    /// Writes all of `bytes` at the position (at the end in append modes), or nothing.
    public func write(_ file: DeviceFile, _ bytes: UnsafeRawBufferPointer) throws(DeviceFileError) {
        let entry = try openEntry(file)
        guard entry.mode.writable else { throw .notWritable }
        guard let status = storage.status(entry.name) else { throw .notFound }
        let offset = entry.mode.appends ? status.size : min(entry.position, status.size)
        try checkRoom(growingFrom: status.size, to: max(status.size, offset + bytes.count))
        if bytes.count > 0 && !storage.write(entry.name, offset, bytes) {
            throw .storageFailure("cannot write the file")
        }
        openFiles.entries[file.slot]!.position = offset + bytes.count
    }

    public func write(_ file: DeviceFile, _ bytes: [UInt8]) throws(DeviceFileError) {
        try bytes.withUnsafeBufferPointer { (b) throws(DeviceFileError) in try write(file, UnsafeRawBufferPointer(b)) }
    }

    /// Moves the position to `base` + `offset`; the new position. Outside the file it fails
    /// (past the end the position becomes the end, as SPIFFS_lseek does).
    public func seek(_ file: DeviceFile, from base: DeviceSeekBase, offset: Int) throws(DeviceFileError) -> Int {
        let entry = try openEntry(file)
        guard let status = storage.status(entry.name) else { throw .notFound }
        let origin: Int
        switch base {
        case .start: origin = 0
        case .current: origin = entry.position
        case .end: origin = status.size
        }
        let (target, overflow) = origin.addingReportingOverflow(offset)
        if overflow || target < 0 { throw .invalidPosition }
        if target > status.size {
            openFiles.entries[file.slot]!.position = status.size
            throw .invalidPosition
        }
        openFiles.entries[file.slot]!.position = target
        return target
    }

    /// Writes reach the storage at once, so this only checks the file is still there.
    public func flush(_ file: DeviceFile) throws(DeviceFileError) {
        let entry = try openEntry(file)
        guard storage.status(entry.name) != nil else { throw .notFound }
    }

    /// Closes the file; closing one that is not open does nothing.
    public func close(_ file: DeviceFile) {
        guard isOpen(file) else { return }
        openFiles.entries[file.slot] = nil
    }

    public func isOpen(_ file: DeviceFile) -> Bool {
        file.slot >= 0 && file.slot < openFiles.entries.count && openFiles.entries[file.slot]?.serial == file.serial
    }

    /// The file's name as it is now (it follows renames).
    public func name(of file: DeviceFile) -> [UInt8]? {
        isOpen(file) ? openFiles.entries[file.slot]!.name : nil
    }

    // MARK: Whole files (boot, node.compile, file.getcontents/putcontents)

    /// The whole file; it takes an open-file slot while it reads, as on the device.
    public func contents(of name: [UInt8]) throws(DeviceFileError) -> [UInt8] {
        let file = try open(name, mode: .read)
        defer { close(file) }
        return try read(file, maximumCount: Int.max)
    }

    /// Creates or replaces a file (mode "w+", as file.putcontents). When the bytes do not fit
    /// the file is left empty, as on the device.
    public func replaceContents(of name: [UInt8], with bytes: [UInt8]) throws(DeviceFileError) {
        let file = try open(name, mode: .writeUpdate)
        defer { close(file) }
        try write(file, bytes)
    }

    public func contents(of name: String) throws(DeviceFileError) -> [UInt8] { try contents(of: Array(name.utf8)) }

    public func replaceContents(of name: String, with bytes: [UInt8]) throws(DeviceFileError) {
        try replaceContents(of: Array(name.utf8), with: bytes)
    }

    public func exists(_ name: String) throws(DeviceFileError) -> Bool { try exists(Array(name.utf8)) }

    // MARK: Helpers

    private func checkedName(_ name: [UInt8]) throws(DeviceFileError) -> [UInt8] {
        guard isMounted else { throw .unavailable }
        return try DeviceFileSystem.validName(name)
    }

    private func openEntry(_ file: DeviceFile) throws(DeviceFileError) -> OpenFileTable.Entry {
        guard isOpen(file) else { throw .notOpen }
        let entry = openFiles.entries[file.slot]!
        if entry.removed { throw .notFound }
        return entry
    }
}

/// An open file of a DeviceFileSystem. Stale handles (closed, or from before a reset) are
/// recognized by their serial number and refused with `.notOpen`.
public struct DeviceFile: Equatable {
    public let slot: Int
    public let serial: Int
}

/// NodeMCU's open modes (SPIFFS flags in brackets).
public enum DeviceFileMode: Equatable {
    /// "r" (RDONLY): the file must exist.
    case read
    /// "w" (WRONLY|CREAT|TRUNC)
    case write
    /// "a" (WRONLY|CREAT|APPEND)
    case append
    /// "r+" (RDWR): the file must exist; nothing is erased.
    case readUpdate
    /// "w+" (RDWR|CREAT|TRUNC)
    case writeUpdate
    /// "a+" (RDWR|CREAT|APPEND): reads anywhere, writes at the end.
    case appendUpdate

    /// The mode named "r", "w", "a", "r+", "w+" or "a+"; nil for anything else.
    public init?(_ text: UnsafeBufferPointer<UInt8>) {
        guard text.count == 1 || (text.count == 2 && text[1] == UInt8(ascii: "+")) else { return nil }
        let update = text.count == 2
        switch text[0] {
        case UInt8(ascii: "r"): self = update ? .readUpdate : .read
        case UInt8(ascii: "w"): self = update ? .writeUpdate : .write
        case UInt8(ascii: "a"): self = update ? .appendUpdate : .append
        default: return nil
        }
    }

    public var readable: Bool { self != .write && self != .append }
    public var writable: Bool { self != .read }
    public var creates: Bool { self != .read && self != .readUpdate }
    public var truncates: Bool { self == .write || self == .writeUpdate }
    public var appends: Bool { self == .append || self == .appendUpdate }
}

public enum DeviceSeekBase {
    case start, current, end
}

/// A file as the file system lists it.
public struct DeviceFileStatus: Equatable {
    public var name: [UInt8]
    public var size: Int
    /// Seconds since the epoch, when the storage keeps it (SPIFFS itself does not).
    public var modificationTime: Int64?

    public init(name: [UInt8], size: Int, modificationTime: Int64? = nil) {
        self.name = name
        self.size = size
        self.modificationTime = modificationTime
    }
}

/// file.fsinfo's three numbers, in bytes.
public struct DeviceFileSystemUsage: Equatable {
    public var remaining: Int
    public var used: Int
    public var total: Int
}

public enum DeviceFileError: Error, Equatable {
    /// The name breaks SPIFFS's rules; the reason ("filename too long (32 bytes, at most 31)").
    case invalidName(String)
    case notFound
    /// rename's new name is taken.
    case alreadyExists
    case full
    case tooManyOpenFiles
    /// The handle was closed (or belongs to a file system that was reset).
    case notOpen
    case notReadable
    case notWritable
    case invalidPosition
    /// The host could not do it (an I/O error); what failed.
    case storageFailure(String)
    /// The host supplied no file system.
    case unavailable

    public var message: String {
        switch self {
        case .invalidName(let reason): reason
        case .notFound: "no such file"
        case .alreadyExists: "a file with the new name exists"
        case .full: "file system is full"
        case .tooManyOpenFiles: "too many open files"
        case .notOpen: "file is not open"
        case .notReadable: "file is not open for reading"
        case .notWritable: "file is not open for writing"
        case .invalidPosition: "position outside the file"
        case .storageFailure(let what): what
        case .unavailable: "this device has no file system"
        }
    }
}

/// Where the host keeps the device's files: named byte strings with no rules of their own
/// (DeviceFileSystem checks names, capacity and modes before it calls these). Names are bytes,
/// as Lua strings are.
public struct DeviceFileStorage {
    /// Every file (any name the storage holds; the file system ignores names SPIFFS cannot have).
    public var list: () -> [DeviceFileStatus] = { [] }
    /// One file, nil when there is none.
    public var status: ([UInt8]) -> DeviceFileStatus? = { _ in nil }
    /// Reads up to `buffer.count` bytes at an offset: the count read, nil when it cannot.
    public var read: ([UInt8], Int, UnsafeMutableRawBufferPointer) -> Int? = { _, _, _ in nil }
    /// Writes every byte at an offset (never past the end of the file); false when it cannot.
    public var write: ([UInt8], Int, UnsafeRawBufferPointer) -> Bool = { _, _, _ in false }
    /// Sets a file's size, creating it empty when missing; false when it cannot.
    public var resize: ([UInt8], Int) -> Bool = { _, _ in false }
    public var remove: ([UInt8]) -> Bool = { _ in false }
    /// Renames a file (the new name is known to be free).
    public var rename: ([UInt8], [UInt8]) -> Bool = { _, _ in false }

    public init() {}

    /// Files kept in memory, for embedders and tests without a folder.
    public static func inMemory() -> DeviceFileStorage {
        let files = MemoryFiles()
        var storage = DeviceFileStorage()
        storage.list = { files.contents.map { DeviceFileStatus(name: $0.key, size: $0.value.count) } }
        storage.status = { name in files.contents[name].map { DeviceFileStatus(name: name, size: $0.count) } }
        storage.read = { name, offset, buffer in
            guard let bytes = files.contents[name] else { return nil }
            let count = min(buffer.count, max(0, bytes.count - offset))
            for i in 0..<count { buffer[i] = bytes[offset + i] }
            return count
        }
        storage.write = { name, offset, bytes in
            guard var data = files.contents[name], offset <= data.count else { return false }
            files.contents[name] = nil  // so `data` is the only reference while it changes
            let overlap = min(bytes.count, data.count - offset)
            for i in 0..<overlap { data[offset + i] = bytes[i] }
            data.append(contentsOf: bytes[overlap...])
            files.contents[name] = data
            return true
        }
        storage.resize = { name, size in
            var data = files.contents[name] ?? []
            if size < data.count {
                data.removeLast(data.count - size)
            } else {
                data.append(contentsOf: [UInt8](repeating: 0, count: size - data.count))
            }
            files.contents[name] = data
            return true
        }
        storage.remove = { name in files.contents.removeValue(forKey: name) != nil }
        storage.rename = { old, new in
            guard let data = files.contents.removeValue(forKey: old) else { return false }
            files.contents[new] = data
            return true
        }
        return storage
    }

    final class MemoryFiles {
        var contents: [[UInt8]: [UInt8]] = [:]
    }
}

/// The open files: name, mode and position of each, in at most `maximumOpenFiles` slots.
final class OpenFileTable {
    struct Entry {
        var name: [UInt8]
        var mode: DeviceFileMode
        var position = 0
        var serial = 0
        /// The file was removed while open: reads and writes fail.
        var removed = false
    }

    var entries: [Entry?] = []
    var nextSerial = 1

    func add(_ entry: Entry) -> DeviceFile {
        var entry = entry
        entry.serial = nextSerial
        nextSerial += 1
        let slot = entries.firstIndex { $0 == nil } ?? entries.count
        if slot == entries.count { entries.append(entry) } else { entries[slot] = entry }
        return DeviceFile(slot: slot, serial: entry.serial)
    }

    func detach(_ name: [UInt8]) {
        for i in entries.indices where entries[i]?.name == name { entries[i]!.removed = true }
    }

    func rename(_ oldName: [UInt8], to newName: [UInt8]) {
        for i in entries.indices where entries[i]?.name == oldName && entries[i]?.removed == false { entries[i]!.name = newName }
    }
}
