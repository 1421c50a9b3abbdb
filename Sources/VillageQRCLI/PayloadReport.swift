import EMVQR
import VietQR

/// What `villageqr decode` reports about one payload, as text for people and as a JSON object.
///
/// `scan` reuses it for every code it finds, so both commands describe a payload the same way.
enum PayloadReport {
    /// The outcome of reading one payload.
    struct Analysis {
        var bytes: [UInt8]
        var payload: EMVPayload?
        var errors: [Diagnostic]
        var warnings: [Diagnostic]
        /// The typed VietQR view, for VietQR payloads.
        var payment: PaymentReport?

        var isValid: Bool { payload != nil && errors.isEmpty }
    }

    struct Diagnostic {
        var code: String
        var offset: Int
        var path: String
        var message: String

        /// An EMVCo error, as VietQR carries it: the same code, offset, path and message.
        init(_ error: EMVQRError) { self.init(VietQRError(error)) }

        /// An EMVCo warning, as VietQR carries it: the same code, offset, path and message.
        init(_ warning: EMVQRWarning) { self.init(VietQRWarning(warning)) }

        init(_ error: VietQRError) {
            self.init(
                code: error.code.rawValue, offset: error.offset, path: error.path.description,
                message: error.message)
        }

        init(_ warning: VietQRWarning) {
            self.init(
                code: warning.code.rawValue, offset: warning.offset, path: warning.path.description,
                message: warning.message)
        }

        init(code: String, offset: Int, path: String, message: String) {
            self.code = code
            self.offset = offset
            self.path = path
            self.message = message
        }

        var json: JSONWriter.Value {
            .object([
                ("code", .string(code)), ("offset", .number(offset)), ("path", .string(path)),
                ("message", .string(message)),
            ])
        }
    }

    static func analyse(_ bytes: [UInt8], mode: EMVPayload.ReadingMode = .lenient) -> Analysis {
        do {
            let generic = try EMVPayload(parsing: bytes, mode: mode)
            let payment = PaymentReport(payload: generic, mode: mode)
            // A VietQR code's tree shows 38.01's fields, as VietQR reads them.
            let payload = payment?.payload ?? generic
            return Analysis(
                bytes: bytes, payload: payload, errors: payment?.errorDiagnostics ?? [],
                warnings: payload.warnings.map(Diagnostic.init) + (payment?.warningDiagnostics ?? []), payment: payment)
        } catch {
            return Analysis(bytes: bytes, payload: nil, errors: [Diagnostic(error)], warnings: [], payment: nil)
        }
    }

    // MARK: JSON

    static func json(_ analysis: Analysis) -> JSONWriter.Value {
        let schemes = analysis.payload?.schemes.map(\.scheme.name) ?? []
        var members: [(String, JSONWriter.Value)] = [
            ("valid", .bool(analysis.isValid)),
            ("scheme", .string(orNull: schemes.first)),
            ("schemes", .array(schemes.map { .string($0) })),
            ("errors", .array(analysis.errors.map(\.json))),
            ("warnings", .array(analysis.warnings.map(\.json))),
        ]
        if let payload = analysis.payload {
            members.append(("lengthUnit", .string(payload.lengthUnit.rawValue)))
            members.append(("fields", .array(payload.fields.map(fieldJSON))))
            if let report = analysis.payment {
                members.append(("payment", report.payment.map { $0.jsonValue(bank: report.bank) } ?? .null))
            }
        } else {
            members.append(("fields", .array([])))
        }
        return .object(members)
    }

    static func fieldJSON(_ field: EMVField) -> JSONWriter.Value {
        .object([
            ("tag", .string(twoDigits(field.tag))),
            ("length", .number(field.length)),
            ("offset", .number(field.offset)),
            ("value", .string(field.string)),
            ("children", .array(field.children.map(fieldJSON))),
        ])
    }

    // MARK: Text

    static func text(for bytes: [UInt8]) -> String {
        text(analyse(bytes))
    }

    static func text(_ analysis: Analysis) -> String {
        var lines: [String] = []
        if let payload = analysis.payload {
            for field in payload.fields { tree(field, in: payload, indent: "", into: &lines) }
        }
        lines.append(contentsOf: analysis.payment?.lines ?? [])
        lines.append(verdict(analysis))
        for warning in analysis.warnings {
            lines.append("warning \(warning.code): \(warning.message)")
        }
        for error in analysis.errors {
            lines.append("error \(error.code): \(error.message)")
            lines.append(contentsOf: caret(analysis.bytes, at: error.offset))
        }
        return lines.joined(separator: "\n")
    }

    static func verdict(_ analysis: Analysis) -> String {
        guard let payload = analysis.payload, analysis.isValid else { return "✗ invalid payload" }
        let scheme = payload.primaryScheme.map { " \($0.name)" } ?? ""
        let unit = payload.lengthUnit == .characters ? ", lengths in characters" : ""
        return "✓ valid\(scheme) payload, \(analysis.bytes.count) bytes, CRC \(CRC16.hexString(payload.crc))\(unit)"
    }

    static func tree(_ field: EMVField, in payload: EMVPayload, indent: String, into lines: inout [String]) {
        let label =
            "\(indent)\(indent.isEmpty ? "" : "› ")\(twoDigits(field.tag)) \(VietQRPayload.name(of: field, in: payload))"
        if field.isTemplate {
            lines.append(label)
            for child in field.children { tree(child, in: payload, indent: indent + "  ", into: &lines) }
        } else {
            lines.append("\(label)  \(printable(field.string))")
        }
    }

    /// The payload on one line with a caret under byte `offset`; long payloads are windowed around it.
    static func caret(_ bytes: [UInt8], at offset: Int) -> [String] {
        guard !bytes.isEmpty else { return [] }
        let start = max(0, min(offset, bytes.count) - 60)
        let end = min(bytes.count, start + 120)
        let shown = bytes[start..<end].map { $0 >= 0x20 && $0 < 0x7F ? Character(Unicode.Scalar($0)) : "·" }
        let prefix = start > 0 ? "…" : ""
        let column = prefix.count + min(offset, bytes.count) - start
        return [
            "  " + prefix + String(shown) + (end < bytes.count ? "…" : ""),
            "  " + String(repeating: " ", count: column) + "^",
        ]
    }

    static func printable(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "·" : Character($0) })
    }

    static func twoDigits(_ n: Int) -> String {
        n < 10 ? "0\(n)" : "\(n)"
    }
}
