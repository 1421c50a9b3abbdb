// The signed-list parser (the envelope, the trust list and the revocation list) under libFuzzer:
// SignedListFuzzCheck states what every input must satisfy.
import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzOne(start, count, SignedListFuzzCheck.check)
}
