/// The `file` module. Filled in by the `file` work.
extension LuaState {
    func openFileLibrary() throws(LuaError) {}
}
