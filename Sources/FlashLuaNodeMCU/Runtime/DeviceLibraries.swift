import FlashLuaCore
/// NodeMCU's Lua for the device model: the firmware's library set (NodeMCULibrarySet.swift) and
/// its modules `node` (with node.LFS and node.task), `file`, `tmr`.
extension LuaState {
    /// Opens the device modules into a state that has the standard library, first reduced to
    /// NodeMCU's set; returns the event loop that timers and posted tasks run on (the host
    /// drives it). Without `services`, the ones set before (`device`) serve.
    public func openDeviceLibraries(_ services: DeviceServices? = nil, lfs: LFSServices? = nil) throws(LuaError) -> EventLoop {
        if let services { device = services }
        try useNodeMCULibrarySet()
        let loop = EventLoop(clock: device.clock)
        try openNodeLibrary()
        try openFlashStoreLibrary(lfs)
        try openFileLibrary()
        try openTimerLibrary(loop: loop)
        try openBitLibrary()
        try openEncoderLibrary()
        try openErrorHandling(loop: loop)
        return loop
    }
}
