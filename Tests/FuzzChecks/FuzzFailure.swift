// What every fuzz target checks, written once: the libFuzzer entry points (Tests/Fuzz) and the corpus replay in the
// test suite both call these functions, one a target, on each input.

/// A promise an input broke: a fuzz target stops on it, and a corpus test fails with it.
public struct FuzzFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The promise, stated as what went wrong, for example "the payload does not re-serialize byte for byte".
    public let broken: String

    /// A failure of the promise described by `broken`.
    public init(_ broken: String) {
        self.broken = broken
    }

    public var description: String { broken }
}

/// What `read` gives, or `nil` once its error has been described: describing an error must not trap either.
func described<Value, Failure: Error & CustomStringConvertible>(_ read: () throws(Failure) -> Value) -> Value? {
    do throws(Failure) {
        return try read()
    } catch {
        _ = error.description
        return nil
    }
}

/// Runs `check` on the `count` bytes at `start`, as a libFuzzer entry point (`LLVMFuzzerTestOneInput`) does, and
/// stops the process on a broken promise, so that libFuzzer keeps the input.
public func fuzzOne<Outcome>(
    _ start: UnsafePointer<UInt8>, _ count: Int, _ check: ([UInt8]) throws(FuzzFailure) -> Outcome
) -> CInt {
    do throws(FuzzFailure) {
        _ = try check(Array(UnsafeBufferPointer(start: start, count: count)))
    } catch {
        fatalError(error.broken)
    }
    return 0
}
