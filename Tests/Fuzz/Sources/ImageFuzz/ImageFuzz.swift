// The scanner under libFuzzer, over image files and described grayscale images: ImageFuzzCheck states what every
// input must satisfy. A libFuzzer binary has no XCTest runner, so LeakSanitizer stays on.
import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzOne(start, count, ImageFuzzCheck.check)
}
