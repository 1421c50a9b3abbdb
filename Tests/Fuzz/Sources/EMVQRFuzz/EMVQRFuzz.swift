// The EMVQR parser under libFuzzer. Any input must give a payload or an EMVQRError, and a payload must keep its
// promises: it re-serializes byte for byte, its fields lie inside their parents, and strict reading accepts no
// more than lenient reading, the common-case path agrees with the full parser, and a field table reads what a
// payload reads.
@testable import EMVQR

nonisolated(unsafe) var table = EMVFieldTable()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let lenient = try? EMVPayload(parsing: bytes)
    let strict = try? EMVPayload(parsing: bytes, mode: .strict)
    if strict != nil && lenient == nil { fatalError("strict reading accepted what lenient reading refused") }
    // The common-case path and the full parser agree.
    let full = try? EMVPayload(parsingFully: bytes[...])
    if (full == nil) != (lenient == nil) { fatalError("the common case and the full parser disagree on validity") }
    if let full, let lenient,
        full.allFields.map({ [$0.tag, $0.offset, $0.length, $0.depth] })
            != lenient.allFields.map({
                [$0.tag, $0.offset, $0.length, $0.depth]
            }) || full.warnings != lenient.warnings
    {
        fatalError("the common case and the full parser read different fields")
    }
    // A field table, reused across inputs, reads the same fields and warnings, or fails.
    do {
        try table.parse(bytes)
        guard let lenient, table.count == lenient.fieldCount, table.warnings == lenient.warnings,
            (0..<table.count).allSatisfy({ table[$0].offset == lenient.allFields[$0].offset })
        else { fatalError("a field table reads a payload differently") }
    } catch {
        if lenient != nil || table.count != 0 { fatalError("a field table refused a payload, or kept fields") }
    }
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
