import FlashLua
import FlashLuaNodeMCU

/// A flash file with its partition table and LFS partition, as a desktop host uses it: boots the
/// LFS image that the failsafe protocol says is current, maps it read-only, and performs a staged
/// reload at the next boot (NodeMCU's order: `node.LFS.reload` checks the image and restarts; the
/// flash is written at boot, when no Lua code can be running on the old image).
public final class FlashFile {
    public let path: String
    var flash: NorFlash<FileChipStorage>
    public private(set) var table: PartitionTable
    private var mapping: MappedFlashRegion?
    /// The image the last boot mounted, if any.
    public private(set) var image: FlashImage?
    private var staged: [UInt8]?
    private var stagedTable: PartitionTable?

    /// Opens (or creates, erased, with the standard partition table) the flash file.
    public init(path: String, size: Int = defaultFlashSize) throws(FlashError) {
        self.path = path
        flash = NorFlash(storage: try FileChipStorage(path: path, byteCount: size))
        table = try PartitionTable.load(from: &flash)
    }

    deinit { mapping?.unmap() }

    /// What node.LFS needs from this flash: partition geometry and image staging.
    public func services() -> LFSServices {
        var s = LFSServices()
        s.partitionBase = table.lfsAddress
        s.partitionSize = table.lfsSize
        s.install = { [unowned self] image in self.stage(image) }
        return s
    }

    /// Accepts a verified image for the next boot, or says why it cannot be installed.
    public func stage(_ image: [UInt8]) -> String? {
        let room = table.lfsSize - LFSPartition.slotHeaderSize
        if image.count > room {
            return FlashError.imageTooLarge(imageSize: image.count, partitionSize: table.lfsSize).message
        }
        staged = image
        return nil
    }

    /// Accepts a new partition table for the next boot, or says why it is invalid.
    public func stagePartitionTable(_ newTable: PartitionTable) -> String? {
        do {
            try newTable.validate(flashSize: flash.size)
        } catch {
            return error.message
        }
        stagedTable = newTable
        return nil
    }

    /// Boots: writes a staged image (failsafe protocol), then maps the current image read-only.
    /// Returns notes for the console (an interrupted reload, a damaged image, a failed write).
    /// The previous boot's image must no longer be in use.
    public func boot() -> [String] {
        var notes: [String] = []
        mapping?.unmap()
        mapping = nil
        image = nil
        if let newTable = stagedTable {
            stagedTable = nil
            do {
                try newTable.write(to: &flash)
                table = newTable
            } catch {
                notes.append("partition table not changed: \(error.message)")
            }
        }
        if let bytes = staged {
            staged = nil
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: ImageFormat.alignment)
            defer { buffer.deallocate() }
            buffer.copyBytes(from: bytes)
            do {
                try LFSPartition.install(image: UnsafeRawBufferPointer(buffer), flash: &flash, table: table, validate: FlashImage.check)
            } catch {
                notes.append("LFS reload failed: \(error.message)")
            }
        }
        let state: LFSBootState
        do {
            state = try LFSPartition.boot(flash: flash, table: table, validate: FlashImage.check)
        } catch {
            notes.append("LFS unavailable: \(error.message)")
            return notes
        }
        switch state {
        case .empty: break
        case .emptyAfterInterruptedReload(let reason): notes.append("LFS is empty: \(reason); reload the image")
        case .invalidImage(let reason): notes.append("LFS is empty: \(reason)")
        case .image(let offset, let size, _):
            do {
                let region = try flash.storage.mapReadOnly(offset: offset, count: size)
                mapping = region
                image = try FlashImage.verify(region.bytes)
            } catch let error as FlashError {
                notes.append("LFS unavailable: \(error.message)")
            } catch let error as ImageError {
                notes.append("LFS unavailable: \(error.message)")
            } catch {
                notes.append("LFS unavailable")
            }
        }
        return notes
    }
}
