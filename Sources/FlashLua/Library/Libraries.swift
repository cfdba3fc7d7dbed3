/// Opens the standard library into a state's globals.
extension LuaState {
    func openLibraries() throws(LuaError) {
        try openBaseLibrary()
        try openPackageLibrary()
        try openCoroutineLibrary()
        try openDebugLibrary()
        try openTableLibrary()
        try openMathLibrary()
        try openOSLibrary()
        try openIOLibrary()
    }
}
