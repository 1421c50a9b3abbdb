// The EMVQR parser under libFuzzer: EMVQRFuzzCheck states what every input must satisfy.
import FuzzChecks

nonisolated(unsafe) var check = EMVQRFuzzCheck()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzOne(start, count) { bytes throws(FuzzFailure) in try check.check(bytes) }
}
