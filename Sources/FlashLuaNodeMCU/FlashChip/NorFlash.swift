import FlashLuaCore
/// Erase granularity of the chips NodeMCU runs on.
public let flashSectorSize = 4096
/// The usual ESP8266/ESP32 module flash.
public let defaultFlashSize = 4 * 1024 * 1024

/// A NOR/NAND-style SPI flash chip as the LFS code must treat it: erasing works on whole 4 KB
/// sectors and sets them to 0xFF; programming can only clear bits. Asking a program to set a bit
/// is a bug in the caller's protocol (it would silently store the wrong byte on a real chip), so
/// it is reported, and nothing is written.
public struct NorFlash<Storage: FlashChipStorage> {
    public static var sectorSize: Int { flashSectorSize }
    public static var defaultSize: Int { defaultFlashSize }

    public var storage: Storage
    /// Operations performed so far (the power-cut tests cut between them).
    public private(set) var eraseCount = 0
    public private(set) var programCount = 0

    public init(storage: Storage) {
        precondition(storage.byteCount % Self.sectorSize == 0, "flash size must be a whole number of sectors")
        self.storage = storage
    }

    public var size: Int { storage.byteCount }
    public var sectorCount: Int { size / Self.sectorSize }
    public var operationCount: Int { eraseCount + programCount }

    public func read(at address: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
        try checkRange("read", address, buffer.count)
        try storage.read(at: address, into: buffer)
    }

    public func read(at address: Int, count: Int) throws(FlashError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBufferPointer { (b) throws(FlashError) in try read(at: address, into: UnsafeMutableRawBufferPointer(b)) }
        return bytes
    }

    /// Programs `bytes` at `address`; every byte must only clear bits of the byte it replaces.
    public mutating func program(at address: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
        try checkRange("program", address, bytes.count)
        let old = try read(at: address, count: bytes.count)
        for (i, requested) in bytes.enumerated() where requested & ~old[i] != 0 {
            throw .programSetsBits(address: address + i, old: old[i], requested: requested)
        }
        try storage.program(at: address, bytes)
        programCount += 1
    }

    public mutating func program(at address: Int, _ bytes: [UInt8]) throws(FlashError) {
        try bytes.withUnsafeBufferPointer { (b) throws(FlashError) in try program(at: address, UnsafeRawBufferPointer(b)) }
    }

    /// Erases the sector starting at `address` (which must be sector-aligned) to 0xFF.
    public mutating func eraseSector(at address: Int) throws(FlashError) {
        guard address % Self.sectorSize == 0 else { throw .unalignedErase(address: address, sectorSize: Self.sectorSize) }
        try checkRange("erase", address, Self.sectorSize)
        try storage.eraseSector(at: address, size: Self.sectorSize)
        eraseCount += 1
    }

    private func checkRange(_ operation: String, _ address: Int, _ count: Int) throws(FlashError) {
        guard address >= 0, count >= 0, address <= size, count <= size - address else {
            throw .outOfRange(operation: operation, address: address, count: count, flashSize: size)
        }
    }
}
