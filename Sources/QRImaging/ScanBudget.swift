import Glibc

/// The CPU time one scan may spend, on the scanning thread's own CPU clock, so that neither other work on the machine
/// nor waiting for a file makes a scan look slower than it is.
///
/// The pipeline checks it between passes and, every few rows or candidates, inside its own loops; once it has run out
/// every loop stops and the scan throws ``QRImagingError/Code/timeLimit``. What runs between two checks is bounded by
/// the working image's size: one zbar pass, or one image filter.
struct ScanBudget {
    /// The thread CPU time, in nanoseconds, after which the scan stops.
    private let deadline: Int64
    /// The budget as given.
    let limit: Duration

    /// A budget of `limit` starting now.
    init(_ limit: Duration) {
        self.limit = limit
        let (seconds, attoseconds) = limit.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let span =
            nanoseconds.overflow
            ? Int64.max / 2 : min(Int64.max / 2, nanoseconds.partialValue + attoseconds / 1_000_000_000)
        deadline = Self.threadCPUTime() + max(0, span)
    }

    /// The calling thread's CPU time in nanoseconds. The corresponding C function is `clock_gettime`.
    static func threadCPUTime() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Whether the budget has run out.
    var isExhausted: Bool { Self.threadCPUTime() >= deadline }

    /// Throws ``QRImagingError/Code/timeLimit`` once the budget has run out.
    func check() throws(QRImagingError) {
        guard isExhausted else { return }
        throw QRImagingError(.timeLimit, "the scan used its CPU budget of \(limit) and stopped")
    }
}
