// VietQR reading under libFuzzer: VietQRFuzzCheck states what every input must satisfy. An input is a payload
// without its CRC field, which the check appends.
import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzOne(start, count, VietQRFuzzCheck.check)
}
