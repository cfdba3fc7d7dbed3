extension LuaState {
    /// lua_close: runs every pending finalizer; the state must not be used afterwards.
    public func close() {
        let t = mainThread!
        current = t
        t.body.pointee.ciIndex = 0
        closeUpvalues(t, from: 0)
        finalizeAll()
    }
}
