public import ArgumentParser
import Glibc
public import Provenance
import QRImaging

/// `villageqr household`: issue and verify signed household-provenance codes.
struct HouseholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "household",
        abstract: "Issue and verify signed household-provenance codes, offline.",
        subcommands: [
            HouseholdKeygenCommand.self, HouseholdIssueCommand.self, HouseholdVerifyCommand.self,
            HouseholdBatchCommand.self, HouseholdSiteCommand.self,
        ]
    )
}

/// The commune's signing key, for `issue` and `batch`.
struct HouseholdSigningOptions: ParsableArguments {
    @Option(help: "The commune's Ed25519 private key, PKCS#8 PEM (from keygen or openssl genpkey).")
    var key: String

    @Option(help: "The key's ID in the trust list, for example 18223.1.")
    var keyId: String

    func validate() throws {
        try validateKeyID(keyId)
    }

    /// The issuer for the key file.
    func issuer() throws -> HouseholdIssuer {
        let pem = String(decoding: try QRImageFile.read(key, maximumBytes: 64 << 10), as: UTF8.self)
        return HouseholdIssuer(key: try HouseholdSigningKey(pem: pem), keyID: keyId)
    }
}

/// Rejects a `--key-id` that no code may carry, before any key file is read.
func validateKeyID(_ keyId: String) throws {
    guard HouseholdRecord.isValidKeyID(keyId) else {
        throw ValidationError("--key-id must be 1–32 letters, digits, '.', '-' or '_'.")
    }
}

/// The trust list and revocation list, for `verify` and `scan`.
struct HouseholdTrustOptions: ParsableArguments {
    @Option(help: "The trust list: JSON mapping key IDs to public keys, owners, validity and status.")
    var trust: String?

    @Option(help: "The revocation list: JSON of household IDs with an issued-before date.")
    var revoked: String?

    @Option(help: "Check expiry against this day (YYYY-MM-DD) instead of today in Vietnam.")
    var today: String?

    @Option(help: "Present the record in Vietnamese (vi) or English (en).")
    var lang: DisplayLanguage = .vietnamese

    func validate() throws {
        if let today, CivilDate(today) == nil { throw ValidationError("--today must be a date YYYY-MM-DD.") }
    }

    /// The verifier for the --trust and --revoked lists; without --trust it trusts no key.
    func verifier() throws -> HouseholdVerifier {
        let trustList = try trust.map { (path) throws in
            try TrustList(json: try QRImageFile.read(path, maximumBytes: 16 << 20))
        }
        let revocations = try revoked.map { (path) throws in
            try RevocationList(json: try QRImageFile.read(path, maximumBytes: 64 << 20))
        }
        return HouseholdVerifier(trustList: trustList ?? TrustList(), revocations: revocations ?? .empty)
    }

    var day: CivilDate { today.flatMap { CivilDate($0) } ?? .today() }
}

extension DisplayLanguage: ExpressibleByArgument {}

/// Runs `body`; a library or imaging error is printed the way ArgumentParser prints its own, with the code and
/// position, and exits 1. Any other error passes through.
func reportingFailures<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error where error is ProvenanceError || error is QRImagingError {
        Stderr.line("error: \(error)")
        throw ExitCode.failure
    }
}

extension HouseholdTrustOptions {
    /// For `scan`: the verification of every household code among `symbols`, beside the payment codes.
    ///
    /// Text mode prints an indented block per household code; JSON mode one line per household code,
    /// `{"image": PATH, "index": N, "household": {verdict...}}`, `index` counting the image's codes from 1.
    func report(_ symbols: [QRSymbol], image: String, verifier: HouseholdVerifier, json: Bool) -> String {
        var out = ""
        for (index, symbol) in symbols.enumerated() where symbol.bytes.starts(with: Array("0002P".utf8)) {
            let result = verifier.verify(symbol.bytes, today: day)
            if json {
                out +=
                    JSONWriter.encode(
                        .object([
                            ("image", .string(image)), ("index", .number(index + 1)), ("household", .raw(result.json)),
                        ])
                    ) + "\n"
            } else {
                out += "  [\(index + 1)] household code:\n"
                for line in result.text(lang).split(separator: "\n") { out += "      \(line)\n" }
            }
        }
        return out
    }
}
