import FlashLuaCore
/// The failsafe LFS reload protocol: how images are stored in the LFS partition so that a power
/// cut at any moment of a reload leaves the chip booting a complete image (or knowingly none).
///
/// Slots. An image lives in a slot that starts on a sector boundary of the partition: a 64-byte
/// header, then the image bytes (so the image is 16-byte aligned, as execution in place needs).
/// Header words, little-endian, each programmed once after the slot's sectors are erased:
///
///     0  started   "LFS1"                  } programmed first, in one operation
///     4  generation (1 more than any seen) }
///     8  image size                        }
///     12 image CRC-32                      }
///     16 CRC-32 of bytes 0..<16            } a torn header fails this and is no header at all
///     32 committed "CMIT"                  programmed last, after the image is read back and checked
///     48 retired   any value but 0xFFFFFFFF: the slot must never boot again
///
/// Boot looks for a header at every sector boundary and runs the committed, unretired slot with
/// the highest generation whose image matches its CRC and passes the caller's image check; so a
/// slot being written (uncommitted), a torn one (bad header CRC or commit word) or a damaged one
/// never runs, and an older slot only runs when no newer one is intact.
///
/// Two-slot reload (the usual case). When the partition has room for the new slot without
/// touching the sectors of the active (booting) image, the new slot goes at the lowest such
/// sector boundary: erase its sectors, program the header, the image (256-byte pages), read it
/// back, commit. Until the commit the active image is untouched and wins; after it the new one
/// has the higher generation. Stale slots have lower generations and lose to both.
///
/// Single-slot reload (no room for both, or no active image). The old images have to go first:
/// every header is retired (the active one last, so a cut before that still boots it), a reload
/// marker (16 zero bytes at the end of the partition's last sector) is programmed, then the new
/// slot goes at the partition start: erase its first sector, program its header, erase the rest,
/// program the image, check, commit. A cut in between leaves retired or uncommitted headers, or
/// at least the marker, so boot reports `emptyAfterInterruptedReload` rather than `empty`. (A
/// one-sector partition has no room for the marker: a cut right after its erase looks blank.)
///
/// Headers are not searched for inside other slots' image bytes; an image that forges a whole
/// committed header with matching CRCs at a sector boundary is not defended against.
public enum LFSBootState: Equatable, Sendable {
    /// Run the image of `size` bytes at flash address `offset` (map it read-only).
    case image(offset: Int, size: Int, generation: UInt32)
    /// No image was ever written (the partition is blank).
    case empty
    /// A reload was cut before its commit, after the previous image had been given up.
    case emptyAfterInterruptedReload(reason: String)
    /// Committed images exist, but none matches its CRC or passes the image check (damage).
    case invalidImage(reason: String)
}

public enum LFSPartition {
    public static let slotHeaderSize = 64
    /// Programs never cross a page, as on real SPI flash.
    public static let pageSize = 256

    static let startedMagic: UInt32 = 0x3153_464C  // "LFS1"
    static let committedMagic: UInt32 = 0x5449_4D43  // "CMIT"
    static let committedOffset = 32
    static let retiredOffset = 48
    static let reloadMarkerSize = 16

    /// A header found in the partition (its own CRC matched).
    struct Slot {
        var address: Int
        var generation: UInt32
        var imageSize: Int
        var imageCRC: UInt32
        var committed: Bool
        var retired: Bool

        var imageAddress: Int { address + slotHeaderSize }
        /// End of the slot's last sector.
        var end: Int { roundUpToSector(imageAddress + imageSize) }
    }

    /// Which image to run, judged by the slot headers, the image CRCs and `validate`.
    public static func boot<S, E>(
        flash: NorFlash<S>, table: PartitionTable, validate: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(FlashError) -> LFSBootState {
        try table.validate(flashSize: flash.size)
        let found = try slots(flash: flash, table: table)
        if let slot = try active(among: found, flash: flash, validate: validate) {
            return .image(offset: slot.imageAddress, size: slot.imageSize, generation: slot.generation)
        }
        if let evidence = found.filter({ $0.retired || !$0.committed }).max(by: { $0.generation < $1.generation }) {
            let fate = evidence.retired ? "was retired" : "was never committed"
            return .emptyAfterInterruptedReload(reason: "a reload was interrupted: the image of generation \(evidence.generation) \(fate)")
        }
        if let damaged = found.max(by: { $0.generation < $1.generation }) {
            return .invalidImage(
                reason: "the image of generation \(damaged.generation) at \(hex(damaged.imageAddress)) fails its CRC or image check")
        }
        for address in stride(from: table.lfsAddress, to: table.lfsAddress + table.lfsSize, by: flashSectorSize)
        where try !flash.read(at: address, count: flashSectorSize).allSatisfy({ $0 == 0xFF }) {
            return .emptyAfterInterruptedReload(reason: "the LFS partition holds data but no image header (a reload was interrupted)")
        }
        return .empty
    }

    /// Writes `image` (already fully validated by the caller) to a new slot and commits it, two-slot
    /// if the active image can stay, single-slot otherwise (see the top of this file). Nothing is
    /// erased if the image does not fit. Returns where the new image now boots from.
    @discardableResult
    public static func install<S, E>(
        image: UnsafeRawBufferPointer, flash: inout NorFlash<S>, table: PartitionTable,
        validate: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(FlashError) -> LFSBootState {
        try table.validate(flashSize: flash.size)
        guard image.count <= table.lfsSize - slotHeaderSize else {
            throw .imageTooLarge(imageSize: image.count, partitionSize: table.lfsSize)
        }
        let found = try slots(flash: flash, table: table)
        let current = try active(among: found, flash: flash, validate: validate)
        let slotSize = roundUpToSector(slotHeaderSize + image.count)
        let generation = (found.map { $0.generation }.max() ?? 0) &+ 1
        var header: [UInt8] = []
        for word in [startedMagic, generation, UInt32(image.count), crc32(image)] { appendLittleEndian(word, to: &header) }
        appendLittleEndian(header.withUnsafeBytes { crc32($0) }, to: &header)

        let slot: Int
        if let current, let free = freeSlotAddress(size: slotSize, avoiding: current, table: table) {
            slot = free
            for sector in stride(from: slot, to: slot + slotSize, by: flashSectorSize) { try flash.eraseSector(at: sector) }
            try flash.program(at: slot, header)
        } else {
            for old in found where !old.retired && old.address != current?.address { try retire(old, flash: &flash) }
            if let current { try retire(current, flash: &flash) }
            if table.lfsSize > flashSectorSize {
                let marker = [UInt8](repeating: 0, count: reloadMarkerSize)
                try flash.program(at: table.lfsAddress + table.lfsSize - reloadMarkerSize, marker)
            }
            slot = table.lfsAddress
            try flash.eraseSector(at: slot)
            try flash.program(at: slot, header)
            for sector in stride(from: slot + flashSectorSize, to: slot + slotSize, by: flashSectorSize) {
                try flash.eraseSector(at: sector)
            }
        }

        let imageAddress = slot + slotHeaderSize
        var done = 0
        while done < image.count {
            let address = imageAddress + done
            let pageEnd = min(imageAddress + image.count, (address / pageSize + 1) * pageSize)
            try flash.program(at: address, UnsafeRawBufferPointer(rebasing: image[done..<(pageEnd - imageAddress)]))
            done = pageEnd - imageAddress
        }
        let written = try flash.read(at: imageAddress, count: image.count)
        for i in 0..<image.count where written[i] != image[i] {
            throw .verifyFailed(address: imageAddress + i, expected: image[i], found: written[i])
        }
        var commit: [UInt8] = []
        appendLittleEndian(committedMagic, to: &commit)
        try flash.program(at: slot + committedOffset, commit)
        return .image(offset: imageAddress, size: image.count, generation: generation)
    }

    /// Every slot header in the partition whose own CRC matches and whose image fits.
    static func slots<S>(flash: NorFlash<S>, table: PartitionTable) throws(FlashError) -> [Slot] {
        var found: [Slot] = []
        let partitionEnd = table.lfsAddress + table.lfsSize
        for address in stride(from: table.lfsAddress, to: partitionEnd, by: flashSectorSize) {
            let h = try flash.read(at: address, count: slotHeaderSize)
            func word(_ i: Int) -> UInt32 { UInt32(h[i]) | UInt32(h[i + 1]) << 8 | UInt32(h[i + 2]) << 16 | UInt32(h[i + 3]) << 24 }
            guard word(0) == startedMagic, word(16) == h.withUnsafeBytes({ crc32(UnsafeRawBufferPointer(rebasing: $0[0..<16])) })
            else { continue }
            let size = Int(word(8))
            guard size <= partitionEnd - address - slotHeaderSize else { continue }
            found.append(
                Slot(
                    address: address, generation: word(4), imageSize: size, imageCRC: word(12),
                    committed: word(committedOffset) == committedMagic, retired: word(retiredOffset) != 0xFFFF_FFFF))
        }
        return found
    }

    /// The committed, unretired slot of highest generation whose image is intact and accepted.
    static func active<S, E>(
        among found: [Slot], flash: NorFlash<S>, validate: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(FlashError) -> Slot? {
        let candidates = found.filter { $0.committed && !$0.retired }.sorted { $0.generation > $1.generation }
        for slot in candidates {
            let image = try flash.read(at: slot.imageAddress, count: slot.imageSize)
            let accepted = image.withUnsafeBytes { bytes in crc32(bytes) == slot.imageCRC && (try? validate(bytes)) != nil }
            if accepted { return slot }
        }
        return nil
    }

    /// The lowest sector boundary where a slot of `size` bytes fits without touching `active`.
    static func freeSlotAddress(size: Int, avoiding active: Slot, table: PartitionTable) -> Int? {
        for address in stride(from: table.lfsAddress, through: table.lfsAddress + table.lfsSize - size, by: flashSectorSize)
        where address + size <= active.address || address >= active.end {
            return address
        }
        return nil
    }

    static func retire<S>(_ slot: Slot, flash: inout NorFlash<S>) throws(FlashError) {
        try flash.program(at: slot.address + retiredOffset, [0, 0, 0, 0])
    }
}

func roundUpToSector(_ x: Int) -> Int { (x + flashSectorSize - 1) / flashSectorSize * flashSectorSize }
