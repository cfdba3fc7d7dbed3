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
