import FlashLuaCore
/// The bytes behind a flash chip: memory in tests, a file on a desktop host, the chip's driver on
/// a board. Storage only stores; `NorFlash` enforces the chip's rules (erase before program,
/// bounds, alignment) on top of it. Use it as a generic constraint, never as `any FlashChipStorage`.
public protocol FlashChipStorage {
    /// Total size in bytes.
    var byteCount: Int { get }
    /// Copies `buffer.count` bytes starting at `offset` into `buffer`.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError)
    /// Programs `bytes` at `offset`: each stored byte becomes `old & new`, as flash cells only
    /// lose charge. `NorFlash` has already checked that no bit goes from 0 to 1.
    mutating func program(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError)
    /// Sets the sector of `size` bytes at `offset` to 0xFF.
    mutating func eraseSector(at offset: Int, size: Int) throws(FlashError)
}

/// Why a flash operation, the partition table or an LFS install failed.
public enum FlashError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A program asked to turn a 0 bit back into 1: the caller forgot an erase (a protocol bug).
    case programSetsBits(address: Int, old: UInt8, requested: UInt8)
    case outOfRange(operation: String, address: Int, count: Int, flashSize: Int)
    case unalignedErase(address: Int, sectorSize: Int)
    case invalidPartitionTable(String)
    case imageTooLarge(imageSize: Int, partitionSize: Int)
    /// The bytes read back after programming differ from the ones written.
    case verifyFailed(address: Int, expected: UInt8, found: UInt8)
    /// The storage below failed (a host I/O error, or a simulated power cut in tests).
    case storage(String)

    public var description: String {
        switch self {
        case .programSetsBits(let address, let old, let requested):
            return "flash program at \(hex(address)) would set bits: old byte \(hex(old)), requested \(hex(requested)) (erase first)"
        case .outOfRange(let operation, let address, let count, let flashSize):
            return "flash \(operation) of \(count) bytes at \(hex(address)) is outside the \(flashSize)-byte flash"
        case .unalignedErase(let address, let sectorSize):
            return "flash erase at \(hex(address)) is not aligned to the \(sectorSize)-byte sector size"
        case .invalidPartitionTable(let message):
            return message
        case .imageTooLarge(let imageSize, let partitionSize):
            return "image of \(imageSize) bytes does not fit the LFS partition of \(partitionSize) bytes"
        case .verifyFailed(let address, let expected, let found):
            return "flash verify failed at \(hex(address)): wrote \(hex(expected)), read back \(hex(found))"
        case .storage(let message):
            return message
        }
    }

    public var message: String { description }
}

/// "0x" and lowercase hex digits; bytes get two digits.
func hex(_ value: Int) -> String { "0x" + String(value, radix: 16) }
func hex(_ value: UInt8) -> String { (value < 16 ? "0x0" : "0x") + String(value, radix: 16) }

/// Flash kept in memory, erased (all 0xFF) when created. A value: copying it copies the chip,
/// which is what the power-cut tests do.
public struct MemoryChipStorage: FlashChipStorage {
    public var bytes: [UInt8]

    public init(byteCount: Int) {
        bytes = [UInt8](repeating: 0xFF, count: byteCount)
    }

    public var byteCount: Int { bytes.count }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + buffer.count)]))
        }
    }

    public mutating func program(at offset: Int, _ data: UnsafeRawBufferPointer) throws(FlashError) {
        for (i, b) in data.enumerated() { bytes[offset + i] &= b }
    }

    public mutating func eraseSector(at offset: Int, size: Int) throws(FlashError) {
        for i in offset..<(offset + size) { bytes[i] = 0xFF }
    }
}
