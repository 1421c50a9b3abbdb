import ArgumentParser
import EMVQR
import FileIO
import Provenance
import QRImaging

/// `villageqr household issue`: sign one household's record.
struct HouseholdIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Sign a household record (JSON) and print the code; optionally render it as PNG or SVG.",
        discussion: """
            The record file's shape is in the "Issue and verify household codes" article. Text is normalized to \
            NFC before signing. With --link https://HOST/PATH, the code printed and rendered is the link form, \
            https://HOST/PATH#0002P1..., for a phone's camera. With --json, prints \
            {"payload": ..., "bytes": N, "qrVersion": V}: the payload as printed and its length in bytes.
            """
    )

    @Argument(help: "The household record, JSON.")
    var record: String

    @OptionGroup var signing: HouseholdSigningOptions

    @Option(name: .shortAndLong, help: "Also write the code to this file: .png or .svg.")
    var output: String?

    @Flag(help: "Print the payload and its size as JSON.")
    var json = false

    @Flag(help: "Overwrite the output file.")
    var force = false

    func validate() throws {
        if let output, QRRenderFormat(path: output) == nil {
            throw ValidationError("The output must end in .png or .svg: \(output)")
        }
    }

    func run() throws {
        try reportingFailures {
            let issuer = try signing.issuer()
            let parsed = try HouseholdRecord(json: try Files.read(record, maximumBytes: 1 << 20))
            if let trust = try signing.trustList() { try issuer.check(parsed, against: trust) }
            let bytes = try issuer.symbolContent(for: parsed, link: signing.link)
            let code = try HouseholdImage.code(for: bytes)
            if let output {
                try HouseholdImage.write(code, to: output, overwrite: OverwritePolicy(force: force))
                Stderr.line(
                    "\(output): QR version \(code.version)-\(code.errorCorrection.rawValue), \(code.size) modules")
            }
            let payload = String(decoding: bytes, as: UTF8.self)
            if json {
                print(
                    JSONWriter.encode(
                        .object([
                            ("payload", .string(payload)), ("bytes", .number(bytes.count)),
                            ("qrVersion", .number(code.version)),
                        ]))
                )
            } else {
                print(payload)
            }
        }
    }
}

/// How household codes are drawn: ECC M, which fits a typical code in version 13 (31 mm at 0.4 mm a module), and its
/// link form in version 16 (36 mm) behind a verifier address of up to 67 characters.
enum HouseholdImage {
    static func code(for bytes: [UInt8]) throws(QRImagingError) -> QRCode {
        try QRCode(encoding: bytes, options: .init(errorCorrection: .medium))
    }

    static func format(for path: String) -> QRRenderFormat {
        path.lowercased().hasSuffix(".svg") ? .svg(SVGOptions(moduleMillimetres: 0.4)) : .png(PNGOptions(scale: 8))
    }

    /// Writes the code to `path` atomically, as PNG or SVG by its extension.
    static func write(_ code: QRCode, to path: String, overwrite: OverwritePolicy) throws {
        try Files.write(code.rendered(as: format(for: path)), to: path, overwrite: overwrite)
    }
}
