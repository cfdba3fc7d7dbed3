import FlashLuaCore
/// Where the Lua Flash Store and SPIFFS live on the chip: the fields of NodeMCU's
/// node.getpartitiontable() (lfs_addr, lfs_size, spiffs_addr, spiffs_size), in bytes.
///
/// Kept in sector 0 (the firmware/config sector) as a 28-byte little-endian record:
///
///     0 magic "FLPT"   4 version (1)   8 lfs_addr   12 lfs_size   16 spiffs_addr   20 spiffs_size
///     24 CRC-32 of bytes 0..<24
public struct PartitionTable: Equatable, Sendable {
    public var lfsAddress: Int
    public var lfsSize: Int
    public var spiffsAddress: Int
    public var spiffsSize: Int

    public init(lfsAddress: Int, lfsSize: Int, spiffsAddress: Int, spiffsSize: Int) {
        self.lfsAddress = lfsAddress
        self.lfsSize = lfsSize
        self.spiffsAddress = spiffsAddress
        self.spiffsSize = spiffsSize
    }

    static let magic: UInt32 = 0x5450_4C46  // "FLPT" in little-endian byte order
    static let version: UInt32 = 1
    static let recordSize = 28

    /// The layout created on a blank chip: 512 KB of firmware (sector 0 included), then 512 KB of
    /// LFS (room for two 128 KB images side by side, with their slot headers), then SPIFFS to the
    /// end of the flash (3 MB on a 4 MB chip).
    public static func standard(flashSize: Int = defaultFlashSize) -> PartitionTable {
        PartitionTable(lfsAddress: 0x80000, lfsSize: 0x80000, spiffsAddress: 0x100000, spiffsSize: flashSize - 0x100000)
    }

    /// Checks that both partitions are sector-aligned, inside the flash, clear of sector 0 and of
    /// each other. A partition of size 0 is absent and only needs an aligned, in-range address.
    public func validate(flashSize: Int) throws(FlashError) {
        let sector = flashSectorSize
        let partitions = [("LFS", lfsAddress, lfsSize), ("SPIFFS", spiffsAddress, spiffsSize)]
        for (name, address, size) in partitions {
            guard address >= 0, size >= 0 else {
                throw .invalidPartitionTable("\(name) partition has a negative address or size (\(address), \(size))")
            }
            guard address % sector == 0, size % sector == 0 else {
                throw .invalidPartitionTable(
                    "\(name) partition (address \(hex(address)), size \(hex(size))) is not aligned to the \(sector)-byte sector size")
            }
            guard address <= flashSize, size <= flashSize - address else {
                throw .invalidPartitionTable(
                    "\(name) partition \(hex(address))..\(hex(address + size)) ends beyond the \(hex(flashSize))-byte flash")
            }
            if size > 0 && address < sector {
                throw .invalidPartitionTable("\(name) partition at \(hex(address)) overlaps sector 0 (the firmware/config sector)")
            }
        }
        if lfsSize > 0 && spiffsSize > 0 && lfsAddress < spiffsAddress + spiffsSize && spiffsAddress < lfsAddress + lfsSize {
            throw .invalidPartitionTable(
                "LFS partition \(hex(lfsAddress))..\(hex(lfsAddress + lfsSize)) overlaps SPIFFS partition "
                    + "\(hex(spiffsAddress))..\(hex(spiffsAddress + spiffsSize))")
        }
    }

    /// The table stored in sector 0, or nil when sector 0 holds no record (a blank chip).
    public static func read<S>(from flash: NorFlash<S>) throws(FlashError) -> PartitionTable? {
        let record = try flash.read(at: 0, count: recordSize)
        if record.allSatisfy({ $0 == 0xFF }) { return nil }
        func field(_ i: Int) -> UInt32 {
            UInt32(record[i]) | UInt32(record[i + 1]) << 8 | UInt32(record[i + 2]) << 16 | UInt32(record[i + 3]) << 24
        }
        guard field(0) == magic else { throw .invalidPartitionTable("sector 0 holds no partition table (bad magic)") }
        guard field(4) == version else { throw .invalidPartitionTable("partition table version \(field(4)) is not supported") }
        let checksum = record.withUnsafeBytes { crc32(UnsafeRawBufferPointer(rebasing: $0[0..<24])) }
        guard field(24) == checksum else { throw .invalidPartitionTable("partition table checksum mismatch") }
        let table = PartitionTable(
            lfsAddress: Int(field(8)), lfsSize: Int(field(12)), spiffsAddress: Int(field(16)), spiffsSize: Int(field(20)))
        try table.validate(flashSize: flash.size)
        return table
    }

    /// The stored table; on a blank chip the standard layout, which is written to sector 0 first.
    public static func load<S>(from flash: inout NorFlash<S>) throws(FlashError) -> PartitionTable {
        if let table = try read(from: flash) { return table }
        let table = standard(flashSize: flash.size)
        try table.write(to: &flash)
        return table
    }

    /// Validates the table, then replaces sector 0 with its record (erase, then one program).
    public func write<S>(to flash: inout NorFlash<S>) throws(FlashError) {
        try validate(flashSize: flash.size)
        var record: [UInt8] = []
        for value in [Self.magic, Self.version, UInt32(lfsAddress), UInt32(lfsSize), UInt32(spiffsAddress), UInt32(spiffsSize)] {
            appendLittleEndian(value, to: &record)
        }
        appendLittleEndian(record.withUnsafeBytes { crc32($0) }, to: &record)
        try flash.eraseSector(at: 0)
        try flash.program(at: 0, record)
    }
}

func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
}
