import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A flash chip kept in a file, so the LFS and the partition table survive between runs of a
/// desktop host. A missing file is created erased (all 0xFF). Copies share the open file.
public struct FileChipStorage: FlashChipStorage {
    /// Owns the descriptor so it is closed when the last copy goes away.
    final class OpenFile {
        let descriptor: Int32
        init(_ descriptor: Int32) { self.descriptor = descriptor }
        deinit { close(descriptor) }
    }

    public let path: String
    public let byteCount: Int
    let file: OpenFile

    /// Opens the flash file at `path`, creating it with `byteCount` erased bytes when missing.
    /// An existing file must have exactly that size.
    public init(path: String, byteCount: Int = defaultFlashSize) throws(FlashError) {
        self.path = path
        self.byteCount = byteCount
        let descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw Self.failure(path, "cannot open") }
        file = OpenFile(descriptor)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(path, "cannot stat") }
        if status.st_size == 0 {
            let erased = [UInt8](repeating: 0xFF, count: flashSectorSize)
            for offset in stride(from: 0, to: byteCount, by: flashSectorSize) {
                try erased.withUnsafeBufferPointer { (b) throws(FlashError) in
                    try write(at: offset, UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[0..<min(b.count, byteCount - offset)]))
                }
            }
        } else if Int(status.st_size) != byteCount {
            throw .storage("flash file \(path) is \(status.st_size) bytes, expected \(byteCount)")
        }
    }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
        try transfer(buffer.count, at: offset, "read") { done in
            pread(file.descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        }
    }

    public mutating func program(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
        // NorFlash has checked that every byte only clears bits, so old & new is simply new.
        try write(at: offset, bytes)
    }

    public mutating func eraseSector(at offset: Int, size: Int) throws(FlashError) {
        let erased = [UInt8](repeating: 0xFF, count: size)
        try erased.withUnsafeBufferPointer { (b) throws(FlashError) in try write(at: offset, UnsafeRawBufferPointer(b)) }
    }

    private func write(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
        try transfer(bytes.count, at: offset, "write") { done in
            pwrite(file.descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        }
    }

    /// Repeats a pread/pwrite (given the bytes done so far) until all `count` bytes are done,
    /// retrying interrupted calls.
    private func transfer(_ count: Int, at offset: Int, _ what: String, _ call: (Int) -> Int) throws(FlashError) {
        var done = 0
        while done < count {
            let n = call(done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Self.failure(path, "cannot \(what) \(count) bytes at offset \(offset)", n < 0) }
            done += n
        }
    }

    /// Maps `count` bytes at `offset` read-only and shared, so the LFS image runs in place from
    /// the file. mmap needs a page-aligned offset: the containing pages are mapped and the result
    /// points at `offset` itself. Later programs of the file show through the mapping.
    public func mapReadOnly(offset: Int, count: Int) throws(FlashError) -> MappedFlashRegion {
        guard offset >= 0, count > 0, offset <= byteCount - count else {
            throw .outOfRange(operation: "map", address: offset, count: count, flashSize: byteCount)
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset / page * page
        let length = offset + count - start
        let pointer = mmap(nil, length, PROT_READ, MAP_SHARED, file.descriptor, off_t(start))
        guard let pointer, pointer != MAP_FAILED else {
            throw Self.failure(path, "cannot map \(count) bytes at offset \(offset)")
        }
        return MappedFlashRegion(
            bytes: UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer) + (offset - start), count: count),
            mapping: UnsafeMutableRawPointer(pointer), mappingLength: length)
    }

    private static func failure(_ path: String, _ what: String, _ hasErrno: Bool = true) -> FlashError {
        let reason = hasErrno ? String(cString: strerror(errno)) : "unexpected end of file"
        return .storage("flash file \(path): \(what): \(reason)")
    }
}

/// A read-only view of part of a flash file; valid until `unmap()`.
public struct MappedFlashRegion {
    public let bytes: UnsafeRawBufferPointer
    let mapping: UnsafeMutableRawPointer
    let mappingLength: Int

    public func unmap() {
        munmap(mapping, mappingLength)
    }
}
