/// Opens the standard library into a state's globals.
extension LuaState {
    func openLibraries() throws(LuaError) {
        try openBaseLibrary()
        try openPackageLibrary()
        try openCoroutineLibrary()
        try openDebugLibrary()
        try openStringLibrary()
        try openUTF8Library()
        try openTableLibrary()
        try openMathLibrary()
        try openOSLibrary()
        try openIOLibrary()
    }
}
