@_exported import FlashLuaCore
import FlashLuaSoftmodule
import FlashLuaStandardLibrary

/// The libraries of plain `flashlua` (and of the device, before its own modules): Lua 5.3's
/// standard library, with `softmodule` in package.preload.
extension LuaState {
    /// Creates a state with the standard library; `heapLimit` bounds the bytes of all objects.
    /// With `flashImage`, the image's modules and strings are available (a string made at run
    /// time that the image holds is the image's object). `numbers` is the number model
    /// (`.int32Float` computes as NodeMCU's ESP8266 build does); plain Lua 5.3 by default.
    public convenience init(
        heapLimit: Int = Int.max, host: HostServices = HostServices(), flashImage: FlashImage? = nil,
        numbers: NumberModel = .int64Double
    ) throws(LuaError) {
        try self.init(bare: heapLimit, flashImage: flashImage, numbers: numbers)
        self.host = host
        blockCollector()
        defer { unblockCollector() }
        try openLibraries()
    }

    /// Opens the standard library and preloads softmodule into a bare state.
    package func openLibraries() throws(LuaError) {
        try openStandardLibraries()
        try preloadSoftmodule()
    }
}
