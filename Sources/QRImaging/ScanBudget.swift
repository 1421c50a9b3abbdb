import Glibc

/// The CPU time one scan may spend, on the scanning thread's own CPU clock, so that neither other work on the machine
/// nor waiting for a file makes a scan look slower than it is.
///
/// The pipeline checks it between passes and, every few rows or candidates, inside its own loops; once it has run out
/// every loop stops and the scan throws ``QRImagingError/Code/timeLimit``. What runs between two checks is bounded by
/// the working image's size: one zbar pass, or one image filter.
package struct ScanBudget: Sendable {
    /// The thread CPU time, in nanoseconds, when the budget started.
    private let start: Int64
    /// The thread CPU time, in nanoseconds, after which the scan stops.
    private let deadline: Int64
    /// The budget as given.
    package let limit: Duration

    /// A budget of `limit` starting now, on the calling thread's CPU clock.
    package init(_ limit: Duration) {
        self.limit = limit
        let (seconds, attoseconds) = limit.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let span =
            nanoseconds.overflow
            ? Int64.max / 2 : min(Int64.max / 2, nanoseconds.partialValue + attoseconds / 1_000_000_000)
        start = Self.threadCPUTime()
        deadline = start + max(0, span)
    }

    /// The calling thread's CPU time in nanoseconds. The corresponding C function is `clock_gettime`.
    static func threadCPUTime() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Whether the budget has run out.
    package var isExhausted: Bool { Self.threadCPUTime() >= deadline }

    /// The CPU time the calling thread has spent since the budget started.
    package var spent: Duration { .nanoseconds(Self.threadCPUTime() - start) }

    /// Throws ``QRImagingError/Code/timeLimit`` once the budget has run out.
    func check() throws(QRImagingError) {
        guard isExhausted else { return }
        throw QRImagingError(.timeLimit, "the scan used its CPU budget of \(limit) and stopped")
    }

    /// How many times slower than a release build this build of the pipeline runs: 20 when it is unoptimised or
    /// instrumented by Address Sanitizer, 1 otherwise. A test's allowance of CPU time is scaled by it.
    package static let buildSlowdown: Int = {
        #if DEBUG
            return 20
        #else
            return underAddressSanitizer ? 20 : 1
        #endif
    }()

    /// Whether this process runs under Address Sanitizer, which makes every pass several times slower.
    package static let underAddressSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
}
