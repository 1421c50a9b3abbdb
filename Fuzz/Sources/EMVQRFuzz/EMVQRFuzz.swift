// The EMVQR parser under libFuzzer. Any input must give a payload or an EMVQRError, and a payload must keep its
// promises: it re-serializes byte for byte, its fields lie inside their parents, and strict reading accepts no
// more than lenient reading.
import EMVQR

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let lenient = try? EMVPayload(parsing: bytes)
    let strict = try? EMVPayload(parsing: bytes, mode: .strict)
    if strict != nil && lenient == nil { fatalError("strict reading accepted what lenient reading refused") }
    guard let payload = lenient else { return 0 }
    guard payload.serialized() == bytes else { fatalError("the payload does not re-serialize byte for byte") }
    for field in payload.allFields {
        let end = field.valueOffset + field.value.count
        guard field.offset + 4 == field.valueOffset, end <= bytes.count else {
            fatalError("a field leaves the payload")
        }
        for child in field.children
        where child.offset < field.valueOffset || child.valueOffset + child.value.count > end {
            fatalError("a child leaves its template")
        }
        _ = field.path.description
        _ = field.string
    }
    _ = payload.schemes
    return 0
}
