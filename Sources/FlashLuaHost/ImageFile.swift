import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An LFS image file mapped read-only (PROT_READ): the runtime executes it where it lies, and
/// any write to it, by the VM, the collector or anyone, faults instead of changing it.
public final class MappedImageFile {
    public let path: String
    public let image: FlashImage
    private let region: UnsafeMutableRawPointer
    private let length: Int

    /// Maps and fully verifies the image; the error names the file and the problem.
    public init(path: String) throws(ImageError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ImageError("\(path): cannot open LFS image (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ImageError("\(path): not a regular file")
        }
        length = Int(info.st_size)
        guard length > 0 else { throw ImageError("\(path): empty file, not an LFS image") }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw ImageError("\(path): cannot map LFS image (\(String(cString: strerror(errno))))")
        }
        region = p
        do {
            image = try FlashImage.verify(UnsafeRawBufferPointer(start: p, count: length))
        } catch {
            munmap(p, length)
            throw ImageError("\(path): \(error.message)")
        }
    }

    deinit { munmap(region, length) }
}

extension HostPlatform {
    /// Entries of a directory (without "." and ".."), or nil when it is not one.
    public static func listDirectory(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
