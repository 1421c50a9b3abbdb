import ArgumentParser
import EMVQR
import FileIO
import Provenance
import QRImaging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `villageqr scan`: read every QR code in images and analyse what they carry.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read the QR codes in PNG, JPEG, PNM or WebP images, phone photos included.",
        discussion: """
            Each image's codes go to standard output as soon as the image is done; an image that gives no code, or \
            cannot be read, is reported on standard error. Each image's scan stops after --timeout seconds of CPU \
            time ("time limit"), and the next image is scanned. Exit status: 0 when every image gave at least one \
            code, 1 otherwise, 64 on a usage error.

            --json prints JSON Lines on standard output, one object per image, errors included: {"image": PATH, \
            "outcome": "codes" | "noCode" | "timeLimit" | "error", "codes": [{"text": STRING-or-null, "encoding": \
            "UTF-8" | "Shift_JIS" | "ISO-8859-1" | null, "bytesBase64": ..., "corners": [[x,y],...], \
            "structuredAppend": null or {"partsFound": N, "complete": BOOL, "parts": [{"index": I, "count": N}, \
            ...] for a complete group, in order, numbered from 1, or null (libzbar gives no part's index)}, "link": BASE-or-null, "decoded": \
            {...}}], "error": null or {"code": ..., "message": ...}}. A household code's link form \
            (https://HOST/PATH#0002P1...) gives its base as "link", and "decoded" describes the code in its fragment.
            """
    )

    @Argument(help: "Image files.")
    var images: [String]

    @Flag(help: "Print JSON Lines, one object per image.")
    var json = false

    @Flag(help: "One plain zbar pass instead of the photo pipeline, for comparison.")
    var once = false

    @Option(help: "Refuse images larger than this many megapixels, before decoding them.")
    var maxMegapixels: Int = 50

    @Option(help: "Stop scanning an image after this many seconds of CPU time (default 0.9).")
    var timeout: Double?

    @OptionGroup(title: "Household codes (verified when --trust is given)")
    var household: HouseholdTrustOptions

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("Give at least one image.") }
        guard (1...1000).contains(maxMegapixels) else { throw ValidationError("--max-megapixels must be 1 to 1000.") }
        if let timeout, !(0.001...3600).contains(timeout) {
            throw ValidationError("--timeout must be 0.001 to 3600 seconds.")
        }
    }

    func run() throws {
        var scanner = QRScanner(limits: ImageLimits(maximumPixels: maxMegapixels * 1_000_000))
        if let timeout { scanner.cpuBudget = .milliseconds(Int64((timeout * 1000).rounded())) }
        let verifier: HouseholdVerifier? = if household.trust != nil { try household.verifier() } else { nil }
        var allFound = true
        for path in images {
            let result: Result<[QRSymbol], any Error>
            do {
                let data = try Files.read(path)
                result = .success(
                    once
                        ? scanner.scanOnce(try GrayImage(decoding: data, limits: scanner.limits))
                        : try scanner.scan(imageData: data))
            } catch {
                result = .failure(error)
            }
            if case .success(let codes) = result, !codes.isEmpty {} else { allFound = false }
            // A result goes to standard output; in text mode, an image that gave no code is reported on standard error.
            if json {
                Stdout.write(Self.jsonLine(path, result))
            } else if case .success(let codes) = result, !codes.isEmpty {
                Stdout.write(Self.humanText(path, result))
            } else {
                Stderr.write(Self.humanText(path, result))
            }
            if let verifier, case .success(let codes) = result {
                Stdout.write(household.report(codes, image: path, verifier: verifier, json: json))
            }
        }
        if !allFound { throw ExitStatus.failure }
    }

    static func humanText(_ path: String, _ result: Result<[QRSymbol], any Error>) -> String {
        switch result {
        case .failure(let error as QRImagingError) where error.code == .timeLimit:
            return "\(path): time limit: \(error.message)\n"
        case .failure(let error):
            return "\(path): error \(error)\n"
        case .success(let codes) where codes.isEmpty:
            return "\(path): no QR code found\n"
        case .success(let codes):
            var text = "\(path): \(codes.count) code\(codes.count == 1 ? "" : "s")\n"
            for (index, code) in codes.enumerated() {
                if let decoded = code.text, let encoding = code.encoding {
                    text += "  [\(index + 1)] \(decoded)\(encoding == .utf8 ? "" : " (\(encoding.rawValue))")\n"
                } else {
                    text += "  [\(index + 1)] (not text) base64 \(Data(code.bytes).base64EncodedString())\n"
                }
                text += "      at " + code.corners.map { "(\($0.x),\($0.y))" }.joined(separator: " ") + "\n"
                // A household code's link form: the report describes the code its fragment carries.
                let found = try? ScannedHouseholdCode(recognizing: code.bytes)
                if let link = found?.link { text += "      link to \(link.base), carrying a household code\n" }
                let report = PayloadReport.text(for: found?.bytes ?? code.bytes)
                for line in report.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                    text += "      \(line)\n"
                }
            }
            return text
        }
    }

    /// One code's JSON object.
    static func jsonCode(_ symbol: QRSymbol) -> JSONWriter.Value {
        var group = JSONWriter.Value.null
        if let parts = symbol.structuredAppend {
            let indices: [JSONWriter.Value]? = parts.partIndices.map { indices in
                indices.map { .object([("index", .number($0)), ("count", .number(indices.count))]) }
            }
            group = .object([
                ("partsFound", .number(parts.partsFound)), ("complete", .bool(parts.complete)),
                ("parts", indices.map { .array($0) } ?? .null),
            ])
        }
        let corners: [JSONWriter.Value] = symbol.corners.map { .array([.number($0.x), .number($0.y)]) }
        // A household code's link form: "decoded" describes the code its fragment carries.
        let found = try? ScannedHouseholdCode(recognizing: symbol.bytes)
        return .object([
            ("text", .string(orNull: symbol.text)),
            ("encoding", .string(orNull: symbol.encoding?.rawValue)),
            ("bytesBase64", .string(Data(symbol.bytes).base64EncodedString())),
            ("corners", .array(corners)),
            ("structuredAppend", group),
            ("link", .string(orNull: found?.link?.base)),
            ("decoded", PayloadReport.json(PayloadReport.analyse(found?.bytes ?? symbol.bytes))),
        ])
    }

    /// The stable code and the message of a failure to read or scan an image.
    static func failure(_ error: any Error) -> (code: String, message: String) {
        let report = ErrorReport(error)
        return (report.code, report.message)
    }

    static func jsonLine(_ path: String, _ result: Result<[QRSymbol], any Error>) -> String {
        var codes: [JSONWriter.Value] = []
        var error = JSONWriter.Value.null
        let outcome: String
        switch result {
        case .failure(let failure):
            outcome = (failure as? QRImagingError)?.code == .timeLimit ? "timeLimit" : "error"
            let (code, message) = Self.failure(failure)
            error = .object([("code", .string(code)), ("message", .string(message))])
        case .success(let symbols):
            outcome = symbols.isEmpty ? "noCode" : "codes"
            codes = symbols.map(Self.jsonCode)
        }
        return JSONWriter.encode(
            .object([
                ("image", .string(path)), ("outcome", .string(outcome)), ("codes", .array(codes)), ("error", error),
            ])) + "\n"
    }
}
