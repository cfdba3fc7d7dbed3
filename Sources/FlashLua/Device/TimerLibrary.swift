/// The `tmr` module. Filled in by the `tmr` work.
extension LuaState {
    func openTimerLibrary(loop: EventLoop) throws(LuaError) {}
}
