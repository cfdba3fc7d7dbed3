/// NodeMCU's modules for the device model: `node` (with node.LFS and node.task), `file`, `tmr`.
extension LuaState {
    /// Opens the device modules into a state that has the standard library; returns the event
    /// loop that timers and posted tasks run on (the host drives it).
    public func openDeviceLibraries() throws(LuaError) -> EventLoop {
        let loop = EventLoop(clock: host.device.clock)
        try openNodeLibrary()
        try openFlashStoreLibrary()
        try openFileLibrary()
        try openTimerLibrary(loop: loop)
        return loop
    }
}
