import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The device's SPIFFS kept in a host folder (`flashlua --device DIR` uses DIR/fs): each device
/// file is an ordinary file of the same name, so a developer can look at, edit or drop in files
/// between runs. The folder holds the bytes only; DeviceFileSystem applies SPIFFS's names,
/// capacity and open-file limit. Files in the folder that SPIFFS could not hold (longer names,
/// subfolders) are not part of the device's file system.
public enum FolderFileSystem {
    public struct FolderError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The file system of a `capacity`-byte SPIFFS partition (the partition size; see
    /// DeviceFileSystem for what of it holds files) over `folder`, created when missing.
    public static func make(
        folder: String, capacity: Int, partitionAddress: Int = 0,
        maximumOpenFiles: Int = DeviceFileSystem.defaultMaximumOpenFiles
    ) throws(FolderError) -> DeviceFileSystem {
        try createFolder(folder)
        return DeviceFileSystem(
            storage: storage(folder: folder), partitionSize: capacity, partitionAddress: partitionAddress,
            maximumOpenFiles: maximumOpenFiles)
    }

    /// The raw storage over an existing folder.
    public static func storage(folder: String) -> DeviceFileStorage {
        let folderBytes = Array(folder.utf8)
        // A NUL-terminated path of a file in the folder (names are bytes, not necessarily UTF-8).
        func withPath<R>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
            var path = folderBytes
            path.append(UInt8(ascii: "/"))
            path.append(contentsOf: name)
            path.append(0)
            return path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
        }
        func regularFile(_ name: [UInt8]) -> DeviceFileStatus? {
            withPath(name) { path in
                var info = stat()
                guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
                #if canImport(Darwin)
                    let modified = Int64(info.st_mtimespec.tv_sec)
                #else
                    let modified = Int64(info.st_mtim.tv_sec)
                #endif
                return DeviceFileStatus(name: name, size: Int(info.st_size), modificationTime: modified)
            }
        }

        var storage = DeviceFileStorage()
        storage.list = {
            guard let dir = opendir(folder) else { return [] }
            defer { closedir(dir) }
            var files: [DeviceFileStatus] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
                if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
                if let file = regularFile(name) { files.append(file) }
            }
            return files
        }
        storage.status = { name in regularFile(name) }
        storage.read = { name, offset, buffer in
            withPath(name) { path in
                let fd = open(path, O_RDONLY)
                guard fd >= 0 else { return nil }
                defer { close(fd) }
                var done = 0
                while done < buffer.count {
                    let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { return nil }
                    if n == 0 { break }
                    done += n
                }
                return done
            }
        }
        storage.write = { name, offset, bytes in
            withPath(name) { path in
                let fd = open(path, O_WRONLY | O_CREAT, 0o644)
                guard fd >= 0 else { return false }
                var done = 0
                while done < bytes.count {
                    let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 {
                        close(fd)
                        return false
                    }
                    done += n
                }
                return close(fd) == 0
            }
        }
        storage.resize = { name, size in
            withPath(name) { path in
                let fd = open(path, O_WRONLY | O_CREAT, 0o644)
                guard fd >= 0 else { return false }
                let resized = ftruncate(fd, off_t(size)) == 0
                return close(fd) == 0 && resized
            }
        }
        storage.remove = { name in withPath(name) { unlink($0) == 0 } }
        storage.rename = { oldName, newName in
            withPath(oldName) { oldPath in withPath(newName) { newPath in rename(oldPath, newPath) == 0 } }
        }
        return storage
    }

    /// mkdir -p.
    static func createFolder(_ folder: String) throws(FolderError) {
        var path = folder.hasPrefix("/") ? "/" : ""
        for component in folder.split(separator: "/") {
            path += (path.isEmpty || path.hasSuffix("/") ? "" : "/") + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw FolderError(description: "cannot create folder \(path): \(String(cString: strerror(errno)))")
            }
        }
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw FolderError(description: "\(folder) is not a folder")
        }
    }
}
