/// Timers and posted tasks, run by the host between console lines and until nothing is pending.
/// Filled in by the `tmr` work.
public final class EventLoop {
    let clock: DeviceClock

    public init(clock: DeviceClock) { self.clock = clock }

    /// Nothing is scheduled: no running timer, no posted task.
    public var isIdle: Bool { true }
}
