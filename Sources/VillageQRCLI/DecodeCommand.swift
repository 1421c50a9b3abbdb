import ArgumentParser
import EMVQR

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `villageqr decode`: reads EMVCo QR payloads and says what is in them, or exactly what is wrong.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode EMVCo QR payloads (VietQR and other national schemes) and check their CRC.",
        discussion: """
            Give one payload, or - to read one payload per line from standard input. \
            Exit status: 0 when every payload is valid, 1 when any is not, 64 on a usage error.
            """
    )

    @Argument(help: "The payload text, or - to read one payload per line from standard input.")
    var payload: String

    @Flag(help: "Write one JSON object per payload (JSON Lines).")
    var json = false

    @Flag(help: "Treat every real-world deviation (lowercase CRC, duplicate tags, ...) as an error.")
    var strict = false

    func run() throws {
        let mode: EMVPayload.ReadingMode = strict ? .strict : .lenient
        var allValid = true
        let fromStandardInput = payload == "-"
        let inputs = fromStandardInput ? AnySequence(StandardInputLines()) : AnySequence([Array(payload.utf8)])
        for (index, bytes) in inputs.enumerated() {
            let analysis = PayloadReport.analyse(bytes, mode: mode)
            allValid = allValid && analysis.isValid
            if json {
                Stdout.line(JSONWriter.encode(PayloadReport.json(analysis)))
            } else {
                let header = fromStandardInput ? "\(index > 0 ? "\n" : "")# line \(index + 1)\n" : ""
                Stdout.line(header + PayloadReport.text(analysis))
            }
        }
        if !allValid { throw ExitStatus.failure }
    }
}
