// The EMVQR parser under libFuzzer. Any input must give a payload or an EMVQRError, and a payload must keep its
// promises: it re-serializes byte for byte, its fields lie inside their parents, and strict reading accepts no
// more than lenient reading, the parser's quick check agrees with its explaining pass (with and without VietQR's
// nesting), and a field table reads what a payload reads.
@testable import EMVQR

nonisolated(unsafe) var table = EMVFieldTable()
nonisolated(unsafe) var room = [EMVNode](repeating: .blank, count: 129)
let napas = [EMVNesting(guid: "A000000727", child: 1)]

func fields(_ payload: EMVPayload) -> [[Int]] {
    payload.allFields.map { [$0.tag, $0.offset, $0.length, $0.depth, $0.isTemplate ? 1 : 0] }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let lenient = try? EMVPayload(parsing: bytes)
    let strict = try? EMVPayload(parsing: bytes, mode: .strict)
    if strict != nil && lenient == nil { fatalError("strict reading accepted what lenient reading refused") }
    // The quick check and the explaining pass agree: the explanation reads what the quick check read, and the quick
    // check takes exactly what strict reading takes without a warning, lengths in bytes.
    for nesting in [[], napas] {
        let read = try? EMVPayload(parsing: bytes[...], nesting: nesting)
        let explained = try? EMVPayload.explain(bytes[...], mode: .lenient, nesting: nesting)
        if (read == nil) != (explained == nil) { fatalError("the quick check and the explanation disagree") }
        if let read, let explained, fields(read) != fields(explained) || read.warnings != explained.warnings {
            fatalError("the quick check and the explanation read different fields")
        }
        let quick = room.withUnsafeMutableBufferPointer { room in
            bytes.withUnsafeBufferPointer { EMVPayload.quickCheck($0, nesting: nesting, into: room.baseAddress!) }
        }
        let strict = try? EMVPayload.explain(bytes[...], mode: .strict, nesting: nesting)
        let plain = strict.map { $0.warnings.isEmpty && $0.lengthUnit == .utf8Bytes } ?? false
        if (quick != nil) != plain { fatalError("the quick check disagrees with strict reading") }
        if nesting.isEmpty, let read, let lenient, fields(read) != fields(lenient) {
            fatalError("reading with no nesting differs from the default")
        }
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
