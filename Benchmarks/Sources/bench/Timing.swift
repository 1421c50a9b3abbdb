import Glibc

/// The calling thread's CPU time in nanoseconds: time spent descheduled on a shared machine does not count.
func threadCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Runs `body(iterations)` (which returns elapsed ns for that many operations) the way the C yardstick does:
/// calibrate to about 10 ms of thread CPU time per run, then take the median of 5 runs, in ns per operation.
func measure(_ body: (Int) -> Double) -> (median: Double, min: Double, max: Double) {
    var iterations = 16
    var elapsed: Double
    while true {
        elapsed = body(iterations)
        if elapsed > 2e6 { break }
        iterations *= 4
    }
    iterations = Int(Double(iterations) * (10e6 / elapsed)) + 1
    var runs: [Double] = []
    for _ in 0..<5 { runs.append(body(iterations) / Double(iterations)) }
    runs.sort()
    return (runs[2], runs[0], runs[4])
}

/// Keeps results alive so the optimizer cannot drop the work.
nonisolated(unsafe) var sink: UInt64 = 0

/// Times `operation` on eight inputs in turn, as the C yardstick's harness does, so nothing can be hoisted out of the
/// loop: the median ns per operation. `operation` returns something to keep alive.
@inline(__always)
func measureLoop<Input>(over inputs: [Input], _ operation: (Input) -> UInt64) -> Double {
    precondition(inputs.count == 8, "the loop takes input i & 7")
    return inputs.withUnsafeBufferPointer { inputs in
        measure { iterations in
            var acc: UInt64 = 0
            let t0 = threadCPUNanoseconds()
            for i in 0..<iterations { acc &+= operation(inputs[i & 7]) }
            let t1 = threadCPUNanoseconds()
            sink &+= acc
            return t1 - t0
        }.median
    }
}

/// ``measureLoop(over:_:)`` on eight copies of `payload` at different addresses.
@inline(__always)
func measurePayloadLoop(_ payload: [UInt8], _ operation: (ArraySlice<UInt8>) -> UInt64) -> Double {
    let copies: [[UInt8]] = (0..<8).map { _ in Array(payload) }
    return measureLoop(over: copies.map { $0[...] }, operation)
}
