import FlashLuaCore

/// What a NodeMCU device model needs from the machine it runs on, beyond HostServices: the
/// file system (SPIFFS), the clock the timers run on, and facts about the chip. A desktop host
/// supplies a folder and the system clock (or virtual time); a chip would supply its own.
public struct DeviceServices {
    /// The SPIFFS file system that the `file` module works on.
    public var fileSystem = DeviceFileSystem()
    /// Time for `tmr` and the event loop.
    public var clock = DeviceClock()
    /// Chip facts for `node.chipid`, `node.flashsize`, `node.info`.
    public var chip = ChipInfo()
    /// The flash's partition table (node.getpartitiontable); nil without a flash.
    public var partitionTable: () -> PartitionTable? = { nil }
    /// Checks a new partition table and stages it for the restart that follows; the reason
    /// when it is refused (node.setpartitiontable).
    public var setPartitionTable: (PartitionTable) -> String? = { _ in "this device has no flash" }

    public init() {}
}

/// Facts a NodeMCU chip reports about itself.
public struct ChipInfo {
    public var chipID: Int64 = 0x00C0_FFEE
    public var flashID: Int64 = 0x0016_40EF
    public var flashSize = 4 * 1024 * 1024
    public var cpuFrequencyMHz: Int64 = 80

    public init() {}
}

/// What `node.LFS` needs from the flash it lives in.
public struct LFSServices {
    /// Flash offset and size of the LFS partition (for an image mapped from a file: 0 and its size).
    public var partitionBase = 0
    public var partitionSize = 0
    /// Accepts a fully verified image to be written at the next boot with the failsafe protocol
    /// (so no Lua code runs on an image being overwritten); returns nil (the runtime then
    /// restarts) or the reason it cannot be installed, e.g. too large for the partition. Nil when
    /// there is no flash to write to.
    public var install: (([UInt8]) -> String?)?

    public init() {}
}

extension StateAttachmentKey {
    static let deviceServices = StateAttachmentKey(1)
    static let lfsServices = StateAttachmentKey(2)
}

extension LuaState {
    /// The device's file system, clock and chip (given to `openDeviceLibraries`, or set before
    /// opening a single device module).
    package var device: DeviceServices {
        get { attachedValue(.deviceServices, default: DeviceServices()) }
        set { setAttachedValue(newValue, as: .deviceServices) }
    }

    /// The LFS partition's geometry and installer (given to `openFlashStoreLibrary`).
    package var lfsServices: LFSServices {
        get { attachedValue(.lfsServices, default: LFSServices()) }
        set { setAttachedValue(newValue, as: .lfsServices) }
    }
}
