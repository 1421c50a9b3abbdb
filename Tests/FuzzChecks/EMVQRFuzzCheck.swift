// The EMVQR parser's promises. Any input must give a payload or an EMVQRError, and a payload must keep its promises:
// it re-serializes byte for byte, its fields lie inside their parents, strict reading accepts no more than lenient
// reading, the parser's quick check agrees with its explaining pass (with and without VietQR's nesting), and a
// field table reads what a payload reads.
import EMVQR

/// Checks one input against the EMVQR parser's promises, reusing its field table and node room across inputs as a
/// long-running reader does.
public struct EMVQRFuzzCheck: ~Copyable {
    /// What reading an input gave.
    public enum Outcome: Sendable, Hashable {
        /// A payload, read leniently.
        case payload
        /// An EMVQRError.
        case refused
    }

    private var table = EMVFieldTable()
    private var room = [EMVNode](repeating: .blank, count: 129)
    private static let napas = [EMVNesting(guid: "A000000727", child: 1)]

    /// A check with an empty field table.
    public init() {}

    private static func fields(_ payload: EMVPayload) -> [[Int]] {
        payload.allFields.map { [$0.tag, $0.offset, $0.length, $0.depth, $0.isTemplate ? 1 : 0] }
    }

    /// Reads `bytes` every way EMVQR reads, and throws the first promise broken.
    public mutating func check(_ bytes: [UInt8]) throws(FuzzFailure) -> Outcome {
        let lenient = try? EMVPayload(parsing: bytes)
        let strict = try? EMVPayload(parsing: bytes, mode: .strict)
        if strict != nil && lenient == nil { throw FuzzFailure("strict reading accepted what lenient reading refused") }
        // The quick check and the explaining pass agree: the explanation reads what the quick check read, and the
        // quick check takes exactly what strict reading takes without a warning, lengths in bytes.
        for nesting in [[], Self.napas] {
            let read = try? EMVPayload(parsing: bytes[...], nesting: nesting)
            let explained = try? EMVPayload.explain(bytes[...], mode: .lenient, nesting: nesting)
            if (read == nil) != (explained == nil) { throw FuzzFailure("the quick check and the explanation disagree") }
            if let read, let explained,
                Self.fields(read) != Self.fields(explained) || read.warnings != explained.warnings
            {
                throw FuzzFailure("the quick check and the explanation read different fields")
            }
            let quick = room.withUnsafeMutableBufferPointer { room in
                bytes.withUnsafeBufferPointer { EMVPayload.quickCheck($0, nesting: nesting, into: room.baseAddress!) }
            }
            let strict = try? EMVPayload.explain(bytes[...], mode: .strict, nesting: nesting)
            if (quick != nil) != (strict != nil) { throw FuzzFailure("the quick check disagrees with strict reading") }
            // What strict reading takes, lenient reading takes too, the same fields and nothing to warn of, and it
            // writes back byte for byte.
            if let strict {
                guard let explained, Self.fields(strict) == Self.fields(explained), explained.warnings.isEmpty,
                    strict.lengthUnit == .utf8Bytes
                else { throw FuzzFailure("strict reading took what lenient reading reads otherwise") }
                guard strict.serialized() == bytes else {
                    throw FuzzFailure("a strictly read payload does not re-serialize byte for byte")
                }
            }
            if nesting.isEmpty, let read, let lenient, Self.fields(read) != Self.fields(lenient) {
                throw FuzzFailure("reading with no nesting differs from the default")
            }
        }
        // A field table, reused across inputs, reads the same fields and warnings, or fails.
        let tableRead: Bool
        do throws(EMVQRError) {
            try table.parse(bytes)
            tableRead = true
        } catch {
            tableRead = false
        }
        if tableRead {
            guard let lenient, table.count == lenient.fieldCount, table.warnings == lenient.warnings,
                (0..<table.count).allSatisfy({ table[$0].offset == lenient.allFields[$0].offset })
            else { throw FuzzFailure("a field table reads a payload differently") }
        } else if lenient != nil || table.count != 0 {
            throw FuzzFailure("a field table refused a payload, or kept fields")
        }
        guard let payload = lenient else { return .refused }
        guard payload.serialized() == bytes else {
            throw FuzzFailure("the payload does not re-serialize byte for byte")
        }
        for field in payload.allFields {
            let end = field.valueOffset + field.value.count
            guard field.offset + 4 == field.valueOffset, end <= bytes.count else {
                throw FuzzFailure("a field leaves the payload")
            }
            for child in field.children
            where child.offset < field.valueOffset || child.valueOffset + child.value.count > end {
                throw FuzzFailure("a child leaves its template")
            }
            _ = field.path.description
            _ = field.string
        }
        _ = payload.schemes
        return .payload
    }
}
