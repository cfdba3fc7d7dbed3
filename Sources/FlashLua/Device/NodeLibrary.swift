/// The `node` module. Filled in by the device work.
extension LuaState {
    func openNodeLibrary() throws(LuaError) {}
}
