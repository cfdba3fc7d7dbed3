import FlashLuaCore
/// NodeMCU's modules for the device model: `node` (with node.LFS and node.task), `file`, `tmr`.
extension LuaState {
    /// Opens the device modules into a state that has the standard library; returns the event
    /// loop that timers and posted tasks run on (the host drives it).
    /// Without `services`, the ones set before (`device`) serve.
    public func openDeviceLibraries(_ services: DeviceServices? = nil, lfs: LFSServices? = nil) throws(LuaError) -> EventLoop {
        if let services { device = services }
        let loop = EventLoop(clock: device.clock)
        try openNodeLibrary()
        try openFlashStoreLibrary(lfs)
        try openFileLibrary()
        try openTimerLibrary(loop: loop)
        return loop
    }
}

extension LuaState {
    /// package.path = path (the device looks for modules in its file system: "?.lua;?.lc").
    func setPackagePath(_ path: LuaString) throws(LuaError) {
        let package = try getField(globals, "package")
        if package.isTable { try setField(package.table, "path", Value(path)) }
    }
}
