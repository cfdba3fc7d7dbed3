import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DeviceClock {
    /// Real time for a device on the desktop: the system's monotonic clock, and sleeping until
    /// the next timer. A sleep interrupted by a signal returns early (the loop looks again), so
    /// the host sees Ctrl-C without waiting for the timer.
    public static func system() -> DeviceClock {
        DeviceClock(
            now: { monotonicMicroseconds() },
            wait: { until in
                let delta = until - monotonicMicroseconds()
                guard delta > 0 else { return }
                var request = timespec(tv_sec: Int(delta / 1_000_000), tv_nsec: Int(delta % 1_000_000) * 1000)
                _ = nanosleep(&request, nil)
            })
    }
}

private func monotonicMicroseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
}
