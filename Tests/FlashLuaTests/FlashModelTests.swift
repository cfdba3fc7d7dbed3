import FlashLua
import FlashLuaHost
import FlashLuaNodeMCU
import Glibc
import Testing

/// The flash chip model (NAND rules), the partition table in sector 0, the failsafe LFS reload
/// protocol (power cut at every operation of a reload), and the file-backed flash of the host.
@Suite struct FlashModelTests {
    // MARK: Helpers

    /// Memory flash that loses power after `budget` more operations: the operation that finds the
    /// budget spent is dropped (or, with `tear`, half done) and throws, as does every later one.
    struct CuttableStorage: FlashChipStorage {
        var memory: MemoryChipStorage
        var budget = Int.max
        var tear = false
        var erasedSectors: [Int] = []

        init(byteCount: Int) { memory = MemoryChipStorage(byteCount: byteCount) }

        var byteCount: Int { memory.byteCount }

        func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
            try memory.read(at: offset, into: buffer)
        }

        mutating func program(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
            if budget == 0 {
                if tear { try memory.program(at: offset, UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count / 2)])) }
                tear = false
                throw .storage("power cut")
            }
            budget -= 1
            try memory.program(at: offset, bytes)
        }

        mutating func eraseSector(at offset: Int, size: Int) throws(FlashError) {
            if budget == 0 {
                if tear { try memory.eraseSector(at: offset, size: size / 2) }
                tear = false
                throw .storage("power cut")
            }
            budget -= 1
            erasedSectors.append(offset)
            try memory.eraseSector(at: offset, size: size)
        }
    }

    typealias Flash = NorFlash<CuttableStorage>

    struct FakeImageError: Error {}

    /// Test image format: payload bytes, then the CRC-32 of the payload (little-endian).
    static func fakeImage(size: Int, seed: UInt32) -> [UInt8] {
        var state = seed &* 2_654_435_761 | 1
        var bytes = (0..<(size - 4)).map { _ -> UInt8 in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        let crc = bytes.withUnsafeBytes { crc32($0) }
        for shift in [0, 8, 16, 24] { bytes.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        return bytes
    }

    static func checkFakeImage(_ bytes: UnsafeRawBufferPointer) throws(FakeImageError) {
        guard bytes.count >= 4 else { throw FakeImageError() }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)])
        var stored: UInt32 = 0
        for i in 0..<4 { stored |= UInt32(bytes[bytes.count - 4 + i]) << UInt32(8 * i) }
        guard crc32(payload) == stored else { throw FakeImageError() }
    }

    static func boot(_ flash: Flash, _ table: PartitionTable) throws -> LFSBootState {
        try LFSPartition.boot(flash: flash, table: table, validate: checkFakeImage)
    }

    @discardableResult
    static func install(_ image: [UInt8], _ flash: inout Flash, _ table: PartitionTable) throws(FlashError) -> LFSBootState {
        try image.withUnsafeBufferPointer { (bytes) throws(FlashError) in
            try LFSPartition.install(image: UnsafeRawBufferPointer(bytes), flash: &flash, table: table, validate: checkFakeImage)
        }
    }

    /// The bytes a boot state points at, or nil when it names no image.
    static func bootedBytes(_ state: LFSBootState, _ flash: Flash) throws -> [UInt8]? {
        guard case .image(let offset, let size, _) = state else { return nil }
        return try flash.read(at: offset, count: size)
    }

    static func newFlash(_ table: PartitionTable, size: Int = 0x10000) throws -> Flash {
        var flash = Flash(storage: CuttableStorage(byteCount: size))
        try table.write(to: &flash)
        return flash
    }

    /// 8-sector LFS: room for two 2-sector slots side by side.
    static let twoSlotTable = PartitionTable(lfsAddress: 0x2000, lfsSize: 0x8000, spiffsAddress: 0xA000, spiffsSize: 0x6000)
    /// 4-sector LFS: two 3-sector slots cannot both fit.
    static let singleSlotTable = PartitionTable(lfsAddress: 0x2000, lfsSize: 0x4000, spiffsAddress: 0x6000, spiffsSize: 0xA000)

    // MARK: NAND rules

    @Test func eraseGivesFFAndProgramOnlyClearsBits() throws {
        var flash = NorFlash(storage: MemoryChipStorage(byteCount: 0x4000))
        #expect(try flash.read(at: 0, count: 0x4000).allSatisfy { $0 == 0xFF })
        try flash.program(at: 0x1000, [0xF0, 0x0F, 0xAA])
        try flash.program(at: 0x1000, [0x30, 0x0F, 0x0A])
        #expect(try flash.read(at: 0x1000, count: 3) == [0x30, 0x0F, 0x0A])
        try flash.program(at: 0x1FFF, [0x00])
        try flash.eraseSector(at: 0x1000)
        #expect(try flash.read(at: 0x1000, count: 0x1000).allSatisfy { $0 == 0xFF })
        #expect(try flash.read(at: 0x2000, count: 1) == [0xFF])
        #expect(flash.programCount == 3 && flash.eraseCount == 1 && flash.operationCount == 4)
    }

    @Test func settingABitIsReportedAndWritesNothing() throws {
        var flash = NorFlash(storage: MemoryChipStorage(byteCount: 0x2000))
        try flash.program(at: 0x100, [0x30, 0x0F, 0x55])
        let error = #expect(throws: FlashError.self) { try flash.program(at: 0x100, [0x10, 0x3F, 0x00]) }
        #expect(error == .programSetsBits(address: 0x101, old: 0x0F, requested: 0x3F))
        #expect(error?.message == "flash program at 0x101 would set bits: old byte 0x0f, requested 0x3f (erase first)")
        // Not even the first byte (a legal clear) was written.
        #expect(try flash.read(at: 0x100, count: 3) == [0x30, 0x0F, 0x55])
        #expect(flash.programCount == 1)
    }

    @Test func outOfRangeAndUnalignedOperationsAreErrors() throws {
        var flash = NorFlash(storage: MemoryChipStorage(byteCount: 0x2000))
        #expect(throws: FlashError.outOfRange(operation: "program", address: 0x1FFF, count: 2, flashSize: 0x2000)) {
            try flash.program(at: 0x1FFF, [0, 0])
        }
        #expect(throws: FlashError.outOfRange(operation: "read", address: -1, count: 1, flashSize: 0x2000)) {
            _ = try flash.read(at: -1, count: 1)
        }
        #expect(throws: FlashError.outOfRange(operation: "erase", address: 0x2000, count: 0x1000, flashSize: 0x2000)) {
            try flash.eraseSector(at: 0x2000)
        }
        let unaligned = #expect(throws: FlashError.self) { try flash.eraseSector(at: 0x800) }
        #expect(unaligned?.message == "flash erase at 0x800 is not aligned to the 4096-byte sector size")
        #expect(flash.operationCount == 0)
        #expect(try flash.read(at: 0, count: 0x2000).allSatisfy { $0 == 0xFF })
    }

    @Test func crc32MatchesTheIEEECheckValue() {
        let text = Array("123456789".utf8)
        #expect(text.withUnsafeBytes { crc32($0) } == 0xCBF4_3926)
        var pieces = CRC32()
        text.withUnsafeBytes { pieces.update(UnsafeRawBufferPointer(rebasing: $0[0..<4])) }
        text.withUnsafeBytes { pieces.update(UnsafeRawBufferPointer(rebasing: $0[4...])) }
        #expect(pieces.value == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { crc32($0) } == 0)
    }

    // MARK: Partition table

    @Test func blankFlashGetsTheStandardTableWhichPersists() throws {
        var flash = NorFlash(storage: MemoryChipStorage(byteCount: defaultFlashSize))
        #expect(try PartitionTable.read(from: flash) == nil)
        let table = try PartitionTable.load(from: &flash)
        #expect(table == PartitionTable(lfsAddress: 0x80000, lfsSize: 0x80000, spiffsAddress: 0x100000, spiffsSize: 0x300000))
        #expect(table == PartitionTable.standard())
        #expect(try PartitionTable.read(from: flash) == table)
        #expect(try PartitionTable.load(from: &flash) == table)
        #expect(flash.eraseCount == 1)
        // Two 128 KB images fit side by side with their slot headers.
        #expect(2 * ((128 * 1024 + LFSPartition.slotHeaderSize + 4095) / 4096 * 4096) <= table.lfsSize)
    }

    @Test func partitionTableRoundTripsAndDetectsDamage() throws {
        var flash = NorFlash(storage: MemoryChipStorage(byteCount: 0x10000))
        try Self.twoSlotTable.write(to: &flash)
        #expect(try PartitionTable.read(from: flash) == Self.twoSlotTable)
        try Self.singleSlotTable.write(to: &flash)
        #expect(try PartitionTable.read(from: flash) == Self.singleSlotTable)
        flash.storage.bytes[9] ^= 0x01
        #expect(throws: FlashError.invalidPartitionTable("partition table checksum mismatch")) { _ = try PartitionTable.read(from: flash) }
        flash.storage.bytes[0] = 0
        #expect(throws: FlashError.invalidPartitionTable("sector 0 holds no partition table (bad magic)")) {
            _ = try PartitionTable.read(from: flash)
        }
    }

    @Test func partitionTableValidationNamesTheProblem() {
        func problem(_ t: PartitionTable, flashSize: Int = 0x400000) -> String? {
            do throws(FlashError) {
                try t.validate(flashSize: flashSize)
                return nil
            } catch { return error.message }
        }
        #expect(problem(.standard()) == nil)
        #expect(problem(PartitionTable(lfsAddress: 0x1000, lfsSize: 0x1000, spiffsAddress: 0x2000, spiffsSize: 0)) == nil)
        #expect(
            problem(PartitionTable(lfsAddress: 0x80800, lfsSize: 0x40000, spiffsAddress: 0x100000, spiffsSize: 0x1000))
                == "LFS partition (address 0x80800, size 0x40000) is not aligned to the 4096-byte sector size")
        #expect(
            problem(PartitionTable(lfsAddress: 0x80000, lfsSize: 0x40000, spiffsAddress: 0x100000, spiffsSize: 0x1800))
                == "SPIFFS partition (address 0x100000, size 0x1800) is not aligned to the 4096-byte sector size")
        #expect(
            problem(PartitionTable(lfsAddress: 0x80000, lfsSize: 0x40000, spiffsAddress: 0xA0000, spiffsSize: 0x10000))
                == "LFS partition 0x80000..0xc0000 overlaps SPIFFS partition 0xa0000..0xb0000")
        #expect(
            problem(PartitionTable(lfsAddress: 0x80000, lfsSize: 0x40000, spiffsAddress: 0x100000, spiffsSize: 0x400000))
                == "SPIFFS partition 0x100000..0x500000 ends beyond the 0x400000-byte flash")
        #expect(
            problem(PartitionTable(lfsAddress: 0, lfsSize: 0x40000, spiffsAddress: 0x100000, spiffsSize: 0x1000))
                == "LFS partition at 0x0 overlaps sector 0 (the firmware/config sector)")
        #expect(problem(.standard(), flashSize: 0x200000) == "SPIFFS partition 0x100000..0x400000 ends beyond the 0x200000-byte flash")
    }

    @Test func anInvalidTableIsNeitherWrittenNorUsed() throws {
        var flash = try Self.newFlash(Self.twoSlotTable)
        let bad = PartitionTable(lfsAddress: 0x2000, lfsSize: 0x9000, spiffsAddress: 0xA000, spiffsSize: 0x6000)
        #expect(throws: FlashError.self) { try bad.write(to: &flash) }
        #expect(throws: FlashError.self) { try Self.install(Self.fakeImage(size: 100, seed: 1), &flash, bad) }
        #expect(try PartitionTable.read(from: flash) == Self.twoSlotTable)
    }

    // MARK: Install and boot

    @Test func blankPartitionBootsEmpty() throws {
        let flash = try Self.newFlash(Self.twoSlotTable)
        #expect(try Self.boot(flash, Self.twoSlotTable) == .empty)
    }

    @Test func twoSlotReloadKeepsTheOldImageUntilTheNewOneIsCommitted() throws {
        let table = Self.twoSlotTable
        var flash = try Self.newFlash(table)
        let first = Self.fakeImage(size: 6000, seed: 1)
        let second = Self.fakeImage(size: 7000, seed: 2)
        let firstState = try Self.install(first, &flash, table)
        #expect(firstState == .image(offset: 0x2000 + 64, size: 6000, generation: 1))
        #expect(try Self.boot(flash, table) == firstState)
        #expect(try Self.bootedBytes(firstState, flash) == first)
        let secondState = try Self.install(second, &flash, table)
        // Placed after the first slot's two sectors; the image is 16-byte aligned.
        #expect(secondState == .image(offset: 0x4000 + 64, size: 7000, generation: 2))
        #expect(try Self.boot(flash, table) == secondState)
        #expect(try Self.bootedBytes(secondState, flash) == second)
        #expect(try flash.read(at: 0x2000 + 64, count: 6000) == first)
    }

    @Test func singleSlotReloadReplacesTheImage() throws {
        let table = Self.singleSlotTable
        var flash = try Self.newFlash(table)
        let first = Self.fakeImage(size: 9000, seed: 3)
        let second = Self.fakeImage(size: 10000, seed: 4)
        try Self.install(first, &flash, table)
        let state = try Self.install(second, &flash, table)
        #expect(state == .image(offset: 0x2000 + 64, size: 10000, generation: 2))
        #expect(try Self.boot(flash, table) == state)
        #expect(try Self.bootedBytes(state, flash) == second)
    }

    @Test func anImageTooLargeIsRefusedBeforeAnyErase() throws {
        let table = Self.singleSlotTable
        var flash = try Self.newFlash(table)
        let current = try Self.install(Self.fakeImage(size: 9000, seed: 5), &flash, table)
        let before = flash.storage.memory.bytes
        let operations = flash.operationCount
        let error = #expect(throws: FlashError.self) { try Self.install(Self.fakeImage(size: 0x4000 - 63, seed: 6), &flash, table) }
        #expect(error?.message == "image of 16321 bytes does not fit the LFS partition of 16384 bytes")
        #expect(flash.storage.memory.bytes == before)
        #expect(flash.operationCount == operations)
        #expect(try Self.boot(flash, table) == current)
        // The largest image that fits does fit.
        let largest = Self.fakeImage(size: 0x4000 - 64, seed: 7)
        let state = try Self.install(largest, &flash, table)
        #expect(try Self.boot(flash, table) == state)
        #expect(try Self.bootedBytes(state, flash) == largest)
    }

    @Test func aDamagedOrRejectedImageIsNeverBooted() throws {
        let table = Self.twoSlotTable
        var flash = try Self.newFlash(table)
        let first = Self.fakeImage(size: 6000, seed: 8)
        let firstState = try Self.install(first, &flash, table)
        let secondState = try Self.install(Self.fakeImage(size: 6000, seed: 9), &flash, table)
        guard case .image(let secondOffset, _, _) = secondState else { return }
        // A flipped bit in the newest image: its CRC fails, the older intact image boots.
        flash.storage.memory.bytes[secondOffset + 3000] ^= 0x10
        #expect(try Self.boot(flash, table) == firstState)
        // The slot CRC alone refuses it, even under an image check that accepts anything.
        #expect(try LFSPartition.boot(flash: flash, table: table, validate: { (_) throws(FakeImageError) in }) == firstState)
        // With every committed image damaged there is nothing to run, and boot says why.
        flash.storage.memory.bytes[0x2000 + 64 + 10] ^= 0x01
        #expect(
            try Self.boot(flash, table)
                == .invalidImage(reason: "the image of generation 2 at 0x4040 fails its CRC or image check"))
        // A reload recovers, and its generation stays above the damaged ones.
        let third = try Self.install(first, &flash, table)
        #expect(third == .image(offset: 0x2000 + 64, size: 6000, generation: 3))
        // An image the image check rejects (its CRC field is consistent, its content not) is
        // committed but never booted: the previous image keeps running.
        var rejected = Self.fakeImage(size: 5000, seed: 10)
        rejected[100] ^= 0xFF
        try Self.install(rejected, &flash, table)
        #expect(try Self.boot(flash, table) == third)
    }

    @Test func aDamagedHeaderCannotMakeAStaleSlotWin() throws {
        let table = Self.twoSlotTable
        var flash = try Self.newFlash(table)
        try Self.install(Self.fakeImage(size: 6000, seed: 11), &flash, table)
        let newest = try Self.install(Self.fakeImage(size: 6000, seed: 12), &flash, table)
        // A flipped bit raises the stale slot's generation (byte 7 of its header) above the
        // newest one's; its image is intact, but its header no longer matches its own CRC.
        flash.storage.memory.bytes[0x2000 + 7] ^= 0x40
        #expect(try Self.boot(flash, table) == newest)
        let next = try Self.install(Self.fakeImage(size: 6000, seed: 13), &flash, table)
        #expect(next == .image(offset: 0x2000 + 64, size: 6000, generation: 3))
    }

    @Test func repeatedReloadsAlternateAndNeverEraseTheActiveImage() throws {
        let table = Self.twoSlotTable
        var flash = try Self.newFlash(table)
        // Slot sizes in sectors: 2, 2, 1, 2, 2, 2, then 7 (no room beside the active: single-slot),
        // then 1 (in the one sector left), 1.
        let sizes = [6000, 7000, 3000, 8000, 5000, 6100, 7 * 4096 - 64, 3000, 4000]
        let expectedSlots = [0x2000, 0x4000, 0x2000, 0x3000, 0x5000, 0x2000, 0x2000, 0x9000, 0x2000]
        var previous: (state: LFSBootState, slot: Int, bytes: [UInt8])?
        for (i, size) in sizes.enumerated() {
            let image = Self.fakeImage(size: size, seed: UInt32(100 + i))
            flash.storage.erasedSectors = []
            let state = try Self.install(image, &flash, table)
            #expect(state == .image(offset: expectedSlots[i] + 64, size: size, generation: UInt32(i + 1)))
            #expect(try Self.boot(flash, table) == state)
            #expect(try Self.bootedBytes(state, flash) == image)
            if let previous, i != 6 {
                // Two-slot reload: the previous image's sectors were neither erased nor changed.
                let end = (previous.slot + 64 + previous.bytes.count + 4095) / 4096 * 4096
                #expect(flash.storage.erasedSectors.allSatisfy { $0 + 4096 <= previous.slot || $0 >= end })
                #expect(try Self.bootedBytes(previous.state, flash) == previous.bytes)
            }
            previous = (state, expectedSlots[i], image)
        }
    }

    // MARK: Power cuts

    enum Outcome: Equatable { case old, new, interrupted }

    /// Installs `older` then `old`, then reloads `new` with the power cut before each operation
    /// k of the reload (and with operation k torn halfway), boots and classifies the result; after
    /// each cut a retried reload must succeed. Returns the outcomes by cut point and tear.
    static func reloadWithPowerCuts(table: PartitionTable, older: [UInt8], old: [UInt8], new: [UInt8]) throws -> [[Outcome]] {
        var base = try newFlash(table)
        try install(older, &base, table)
        let oldState = try install(old, &base, table)
        var reference = base
        let start = reference.operationCount
        let newState = try install(new, &reference, table)
        let total = reference.operationCount - start
        var results: [[Outcome]] = []
        for tear in [false, true] {
            var outcomes: [Outcome] = []
            for k in 0...total {
                var flash = base
                flash.storage.budget = k
                flash.storage.tear = tear
                do {
                    try install(new, &flash, table)
                    #expect(k == total)
                } catch {
                    #expect(error == .storage("power cut") && k < total)
                }
                flash.storage.budget = .max
                let state = try boot(flash, table)
                let bytes = try bootedBytes(state, flash)
                let outcome: Outcome
                if state == oldState && bytes == old {
                    outcome = .old
                } else if state == newState && bytes == new {
                    outcome = .new
                } else if case .emptyAfterInterruptedReload = state {
                    outcome = .interrupted
                } else {
                    Issue.record("cut before operation \(k) of \(total) (tear: \(tear)) boots \(state)")
                    continue
                }
                outcomes.append(outcome)
                let retried = try install(new, &flash, table)
                #expect(try boot(flash, table) == retried)
                #expect(try bootedBytes(retried, flash) == new)
            }
            results.append(outcomes)
        }
        return results
    }

    @Test func powerCutDuringTwoSlotReloadBootsOldOrNew() throws {
        let results = try Self.reloadWithPowerCuts(
            table: Self.twoSlotTable, older: Self.fakeImage(size: 5000, seed: 20), old: Self.fakeImage(size: 6000, seed: 21),
            new: Self.fakeImage(size: 7000, seed: 22))
        for outcomes in results {
            // 2 erases, the header, 28 pages of image, the commit word; then the uncut run.
            #expect(outcomes.count == 33)
            #expect(outcomes.dropLast().allSatisfy { $0 == .old })
            #expect(outcomes.last == .new)
        }
    }

    @Test func powerCutDuringSingleSlotReloadBootsOldNewOrReportsTheInterruption() throws {
        let results = try Self.reloadWithPowerCuts(
            table: Self.singleSlotTable, older: Self.fakeImage(size: 9000, seed: 30), old: Self.fakeImage(size: 9500, seed: 31),
            new: Self.fakeImage(size: 10000, seed: 32))
        for (tear, outcomes) in zip([false, true], results) {
            // Retire the old header, the marker, 3 erases, the header, 40 pages, the commit word.
            #expect(outcomes.count == 48)
            // The old image runs until it is retired (a torn retire retires it too); then the
            // reload is reported as interrupted until the commit; never a partial image.
            #expect(outcomes.first == (tear ? .interrupted : .old))
            #expect(outcomes.dropFirst().dropLast().allSatisfy { $0 == .interrupted })
            #expect(outcomes.last == .new)
        }
    }

    @Test func powerCutDuringSingleSlotReloadNeverResurrectsAStaleImage() throws {
        // `older` (sectors 0-1) stays intact beside `old` (sectors 2-3); `new` needs 6 of the 8
        // sectors, so it cannot avoid `old`: single-slot. `older` must never boot once `old` is gone.
        let results = try Self.reloadWithPowerCuts(
            table: Self.twoSlotTable, older: Self.fakeImage(size: 6000, seed: 33), old: Self.fakeImage(size: 7000, seed: 34),
            new: Self.fakeImage(size: 5 * 4096 + 100, seed: 35))
        for (tear, outcomes) in zip([false, true], results) {
            // Retire `older`, retire `old`, the marker, 6 erases, the header, 81 pages, the commit word.
            #expect(outcomes.count == 93)
            #expect(outcomes.prefix(2) == (tear ? [.old, .interrupted] : [.old, .old]))
            #expect(outcomes.dropFirst(2).dropLast().allSatisfy { $0 == .interrupted })
            #expect(outcomes.last == .new)
        }
    }

    @Test func powerCutDuringTheFirstReloadNeverBootsAPartialImage() throws {
        let table = Self.twoSlotTable
        let base = try Self.newFlash(table)
        let image = Self.fakeImage(size: 3000, seed: 40)
        var reference = base
        try Self.install(image, &reference, table)
        let total = reference.operationCount - base.operationCount
        for k in 0..<total {
            var flash = base
            flash.storage.budget = k
            #expect(throws: FlashError.self) { try Self.install(image, &flash, table) }
            let state = try Self.boot(flash, table)
            if k == 0 {
                #expect(state == .empty)
            } else {
                guard case .emptyAfterInterruptedReload = state else {
                    Issue.record("cut before operation \(k) boots \(state)")
                    continue
                }
            }
        }
    }

    // MARK: File-backed flash

    @Test func fileFlashStoragePersistsAndMapsReadOnly() throws {
        var template = Array("/tmp/flashmodel-XXXXXX".utf8CString)
        let directory = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        let path = directory + "/flash.bin"
        defer {
            unlink(path)
            rmdir(directory)
        }
        var flash = NorFlash(storage: try FileChipStorage(path: path, byteCount: 0x10000))
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_size == 0x10000)
        #expect(try flash.read(at: 0, count: 0x10000).allSatisfy { $0 == 0xFF })
        let pattern = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try flash.program(at: 0x1234, pattern)
        #expect(try flash.read(at: 0x1234, count: 300) == pattern)
        #expect(throws: FlashError.self) { try flash.program(at: 0x1234, [0xFF]) }

        // An LFS image installed through the file, booted from a second opening of it, runs
        // from a read-only mapping that starts mid-page.
        let table = Self.twoSlotTable
        try table.write(to: &flash)
        let image = Self.fakeImage(size: 7000, seed: 50)
        let installed = try image.withUnsafeBufferPointer { (bytes) throws(FlashError) in
            try LFSPartition.install(image: UnsafeRawBufferPointer(bytes), flash: &flash, table: table, validate: Self.checkFakeImage)
        }
        let reopened = NorFlash(storage: try FileChipStorage(path: path, byteCount: 0x10000))
        #expect(try PartitionTable.read(from: reopened) == table)
        let state = try LFSPartition.boot(flash: reopened, table: table, validate: Self.checkFakeImage)
        #expect(state == installed)
        guard case .image(let offset, let size, _) = state else { return }
        let region = try reopened.storage.mapReadOnly(offset: offset, count: size)
        #expect(Array(region.bytes) == image)
        #expect(throws: Never.self) { try Self.checkFakeImage(region.bytes) }
        region.unmap()

        let wrongSize = #expect(throws: FlashError.self) { _ = try FileChipStorage(path: path, byteCount: 0x20000) }
        #expect(wrongSize?.message == "flash file \(path) is 65536 bytes, expected 131072")
        let missing = #expect(throws: FlashError.self) { _ = try FileChipStorage(path: directory + "/no/such/flash.bin") }
        #expect(missing?.message == "flash file \(directory)/no/such/flash.bin: cannot open: No such file or directory")
    }
}
