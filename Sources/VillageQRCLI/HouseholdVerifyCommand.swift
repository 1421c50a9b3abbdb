import ArgumentParser
import FileIO
import Provenance
import QRImaging

/// `villageqr household verify`: what a buyer runs on a scanned code.
struct HouseholdVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a household code offline and show its record.",
        discussion: """
            Give the payload text or its link (https://HOST/PATH#0002P1...), `-` to read it from standard input, or \
            --image PHOTO. Prints one verdict: verified, unsigned, unknownKey, badSignature (tampered), outOfScope \
            (a key vouching outside its communes), expired, revoked or malformed, with its reason and the record, in \
            Vietnamese unless --lang en. With --root, the lists must be signed by that root, intact and current; an \
            unsigned list is used with a warning. --json prints \
            {"verdict", "reason", "message", "keyId", "record", "notes", "error"} per code. \
            Exit status: 0 only when every code is verified; 1 otherwise; 64 on a usage error.
            """
    )

    @Argument(help: "The payload or its link, as scanned, or - for standard input.")
    var payload: String?

    @Option(help: "Read the code(s) from a photo or image instead.")
    var image: String?

    @OptionGroup var trust: HouseholdTrustOptions

    @Flag(help: "Print JSON, one object per line.")
    var json = false

    func validate() throws {
        guard (payload == nil) != (image == nil) else { throw ValidationError("Give a payload or --image, not both.") }
        guard trust.trust != nil else { throw ValidationError("Give --trust TRUST.json.") }
    }

    func run() throws {
        let (verifier, codes) = try reportingFailures {
            let loaded = try trust.verifier()
            var found: [[UInt8]] = []
            if let image {
                let symbols = try QRScanner().scan(imageData: try Files.read(image))
                found = symbols.map(\.bytes)
                if found.isEmpty {
                    Stderr.line("error: no QR code found in \(image)")
                    throw ExitStatus.failure
                }
            } else if payload == "-" {
                var line: [UInt8] = []
                while let text = readLine(strippingNewline: true) { line += Array(text.utf8) }
                found = [line]
            } else if let payload {
                found = [Array(payload.utf8)]
            }
            return (loaded, found)
        }
        var allVerified = true
        for bytes in codes {
            let result = verifier.verify(scanned: bytes, today: trust.day)
            allVerified = allVerified && result.isVerified
            Stdout.write(json ? result.json + "\n" : result.text(trust.lang))
        }
        if !allVerified { throw ExitStatus.failure }
    }
}
