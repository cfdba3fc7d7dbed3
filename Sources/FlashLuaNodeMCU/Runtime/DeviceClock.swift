import FlashLuaCore
/// The clock timers run on, supplied by the host: what the event loop needs from time. The
/// desktop host's real clock (`DeviceClock.system()` in FlashLuaHost) reads the monotonic clock
/// and sleeps; virtual time only moves when the loop waits, so an hour of timers runs in
/// milliseconds with the events in the same order.
public struct DeviceClock {
    /// Microseconds on a monotonic clock (any origin; the loop counts uptime from its own start).
    public var now: () -> Int64
    /// Returns once `now()` has reached the given time. It may return earlier (a real clock's
    /// sleep interrupted by a signal, so Ctrl-C is seen promptly): callers check `now()` again.
    public var wait: (Int64) -> Void
    /// Virtual time: waiting moves the clock instead of sleeping.
    public var isVirtual: Bool

    public init(now: @escaping () -> Int64, wait: @escaping (Int64) -> Void, isVirtual: Bool = false) {
        self.now = now
        self.wait = wait
        self.isVirtual = isVirtual
    }

    /// Virtual time from 0: the runtime itself has no clock, and virtual time is always at hand.
    public init() { self = .virtual() }

    /// Time that starts at `start` and advances only when someone waits (the loop reaching the
    /// next timer, `tmr.delay`). Copies of the clock share the same time.
    public static func virtual(startingAt start: Int64 = 0) -> DeviceClock {
        let time = VirtualTime(start)
        return DeviceClock(
            now: { time.now },
            wait: { until in if until > time.now { time.now = until } },
            isVirtual: true)
    }
}

/// The shared, mutable time of a virtual clock.
final class VirtualTime {
    var now: Int64
    init(_ start: Int64) { now = start }
}
