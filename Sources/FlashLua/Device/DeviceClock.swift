/// The clock timers run on, supplied by the host (the system's monotonic clock, or virtual time
/// that jumps to the next timer). Filled in by the `tmr` work.
public struct DeviceClock {
    public init() {}
}
