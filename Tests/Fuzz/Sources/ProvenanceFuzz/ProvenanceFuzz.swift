// The household-code parser and the link form under libFuzzer: HouseholdCodeFuzzCheck states what every input
// must satisfy.
import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzOne(start, count, HouseholdCodeFuzzCheck.check)
}
