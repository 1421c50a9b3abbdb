public import ArgumentParser
import EMVQR
import FileIO
public import Provenance
import QRImaging
public import QRPrint

/// `villageqr household`: issue and verify signed household-provenance codes.
struct HouseholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "household",
        abstract: "Issue and verify signed household-provenance codes, offline.",
        subcommands: [
            HouseholdKeygenCommand.self, HouseholdIssueCommand.self, HouseholdVerifyCommand.self,
            HouseholdBatchCommand.self, HouseholdTemplateCommand.self, HouseholdSiteCommand.self,
        ]
    )
}

/// The commune's signing key, for `issue` and `batch`, and the trust list that bounds what it may sign.
struct HouseholdSigningOptions: ParsableArguments {
    @Option(help: "The commune's Ed25519 private key, PKCS#8 PEM (from keygen or openssl genpkey).")
    var key: String

    @Option(help: "The key's ID in the trust list, for example 18223.1.")
    var keyId: String

    @Option(help: "Refuse, before signing, any household outside the key's scope in this trust list.")
    var trust: String?

    @Option(help: "The root's public key (PEM) that signed the --trust list; without it the list must be unsigned.")
    var root: String?

    @Option(
        help: ArgumentHelp(
            "Write link-form codes for the commune's verifier page at this address (https://HOST/PATH).",
            discussion: "The code travels in the link's fragment; the address is signed into it as tag 13.",
            valueName: "https://HOST/PATH"))
    var link: String?

    func validate() throws {
        try validateKeyID(keyId)
        if root != nil && trust == nil { throw ValidationError("--root checks a --trust list; give --trust too.") }
        if let link {
            do {
                _ = try HouseholdLink(base: link, code: Array("0002P1".utf8))
            } catch {
                throw ValidationError("--link: \(error.message)")
            }
        }
    }

    /// The issuer for the key file.
    func issuer() throws -> HouseholdIssuer {
        HouseholdIssuer(key: try readSigningKey(key), keyID: keyId)
    }

    /// The --trust list, if given, checked with --root; its warnings go to standard error.
    func trustList() throws -> TrustList? {
        try trust.map { (path) throws in try loadTrustList(path, root: root, today: .today()) }
    }
}

/// A list a root signs: the trust list and the revocation list, read alike.
protocol RootSignedList {
    init(signed bytes: [UInt8], root: HouseholdPublicKey, today: CivilDate) throws(ProvenanceError)
    init(json: [UInt8]) throws(ProvenanceError)
    var warnings: [ListWarning] { get }
}

extension TrustList: RootSignedList {}
extension RevocationList: RootSignedList {}

/// Reads a list: signed and checked against the root key at `root`, or, without a root, unsigned (a signed list
/// needs its root). Its warnings are printed to standard error.
func loadList<List: RootSignedList>(_ path: String, root: String?, today: CivilDate) throws -> List {
    let bytes = try Files.read(path, maximumBytes: SignedList.maximumPayloadBytes * 2)
    let list: List
    if let root {
        list = try List(signed: bytes, root: try readPublicKey(root), today: today)
    } else {
        try refuseSignedWithoutRoot(bytes, path)
        list = try List(json: bytes)
    }
    printWarnings(list.warnings, path)
    return list
}

/// Reads a trust list, signed with `root` or unsigned without it; see ``loadList(_:root:today:)``.
func loadTrustList(_ path: String, root: String?, today: CivilDate) throws -> TrustList {
    try loadList(path, root: root, today: today)
}

/// Reads a revocation list, signed with `root` or unsigned without it; see ``loadList(_:root:today:)``.
func loadRevocationList(_ path: String, root: String?, today: CivilDate) throws -> RevocationList {
    try loadList(path, root: root, today: today)
}

/// A PEM file's text, read with a key file's bound: 64 KiB.
func readPEM(_ path: String) throws(FileError) -> String {
    String(decoding: try Files.read(path, maximumBytes: 64 << 10), as: UTF8.self)
}

/// A private key file, PKCS#8 PEM: a commune's for signing codes, or a root's for signing lists.
func readSigningKey(_ path: String) throws -> HouseholdSigningKey {
    try HouseholdSigningKey(pem: try readPEM(path))
}

/// A public key file, SubjectPublicKeyInfo PEM: a root's, or a commune's for `trust add`.
func readPublicKey(_ path: String) throws -> HouseholdPublicKey {
    try HouseholdPublicKey(pem: try readPEM(path))
}

/// A signed list read with no root key to check it would be trusted on its word: refused.
func refuseSignedWithoutRoot(_ bytes: [UInt8], _ path: String) throws {
    guard SignedList.isSignedList(bytes) else { return }
    throw ProvenanceError(
        code: .listNotSigned, message: "\(path) is a signed list; give --root ROOT.pub.pem to check its signature")
}

/// Prints a list's warnings to standard error, the first few of each kind and a count of the rest.
func printWarnings(_ warnings: [ListWarning], _ path: String) {
    var shown: [ListWarning.Code: Int] = [:]
    for warning in warnings {
        shown[warning.code, default: 0] += 1
        if shown[warning.code]! <= 3 { Stderr.line("warning: \(path): \(warning.message)") }
    }
    for (code, count) in shown.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where count > 3 {
        Stderr.line("warning: \(path): \(count - 3) more like the above (\(code))")
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
    @Option(help: "The trust list: JSON mapping key IDs to public keys, owners, scopes, validity and status.")
    var trust: String?

    @Option(help: "The revocation list: JSON of household IDs with an issued-before date.")
    var revoked: String?

    @Option(help: "The root's public key (PEM): the lists must be signed by it, current and intact.")
    var root: String?

    @Option(help: "Check expiry against this day (YYYY-MM-DD) instead of today in Vietnam.")
    var today: String?

    @Option(help: "Present the record in Vietnamese (vi) or English (en).")
    var lang: DisplayLanguage = .vietnamese

    func validate() throws {
        if let today, CivilDate(today) == nil { throw ValidationError("--today must be a date YYYY-MM-DD.") }
    }

    /// The verifier for the --trust and --revoked lists, checked with --root when given; without --trust it trusts
    /// no key.
    func verifier() throws -> HouseholdVerifier {
        let trustList = try trust.map { (path) throws in try loadTrustList(path, root: root, today: day) }
        let revocations = try revoked.map { (path) throws in try loadRevocationList(path, root: root, today: day) }
        return HouseholdVerifier(trustList: trustList ?? TrustList(), revocations: revocations ?? .empty)
    }

    var day: CivilDate { today.flatMap { CivilDate($0) } ?? .today() }
}

extension DisplayLanguage: ExpressibleByArgument {}

/// A label sheet named by its preset, `a4-3x8`.
extension LabelStock: ExpressibleByArgument {
    public init?(argument: String) { self.init(preset: argument) }
    public static var allValueStrings: [String] { presets.map(\.name) }
    public var defaultValueDescription: String { name }

    /// Each preset's label size, for help: `70 × 37 mm (a4-3x8), ...`.
    static var sizes: String {
        presets.map { "\(millimetres($0.labelWidth)) × \(millimetres($0.labelHeight)) mm (\($0.name))" }
            .joined(separator: ", ")
    }

    private static func millimetres(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }
}

/// Runs `body`; a library, imaging or file error is printed the way ArgumentParser prints its own, with the code
/// and position or path, and exits with its ``ExitStatus``. Any other error passes through.
func reportingFailures<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error where ErrorReport(error).isLibraryError {
        throw ErrorReport(error).printed()
    }
}

extension HouseholdTrustOptions {
    /// For `scan`: the verification of every household code among `symbols`, beside the payment codes.
    ///
    /// Text mode prints an indented block per household code; JSON mode one line per household code,
    /// `{"image": PATH, "index": N, "household": {verdict...}}`, `index` counting the image's codes from 1.
    func report(_ symbols: [QRSymbol], image: String, verifier: HouseholdVerifier, json: Bool) -> String {
        var out = ""
        for (index, symbol) in symbols.enumerated() where ScannedHouseholdCode.isHouseholdCode(symbol.bytes) {
            let result = verifier.verify(scanned: symbol.bytes, today: day)
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
