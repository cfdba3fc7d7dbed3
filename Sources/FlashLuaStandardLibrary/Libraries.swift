import FlashLuaCore
/// Opens the standard library into a state's globals.
extension LuaState {
    package func openStandardLibraries() throws(LuaError) {
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
        try openBit32Library()
    }
}
