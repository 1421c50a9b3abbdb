import ArgumentParser
import FileIO
import Provenance

/// `villageqr household keygen`: a commune's new Ed25519 key pair.
struct HouseholdKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair: ID.pem (private, mode 0600) and ID.pub.pem.",
        discussion: """
            Never overwrites an existing key. Prints a trust list holding the new public key; save it and \
            hand it to verifiers. A key from `openssl genpkey -algorithm ed25519` works as well.
            """
    )

    @Option(help: "The key's ID, for example 18223.1 (commune code, a dot, a serial).")
    var keyId: String

    @Option(help: "The folder to write the key files into.")
    var outDir: String = "."

    @Option(help: "The key's owner, for the printed trust list entry.")
    var owner: String?

    @Option(help: "First issue day the key may sign (YYYY-MM-DD); today by default.")
    var from: String?

    @Option(help: "Last issue day the key may sign (YYYY-MM-DD); five years on by default.")
    var until: String?

    @OptionGroup var scope: ScopeOptions

    func validate() throws {
        try validateKeyID(keyId)
        _ = try validity(today: .today())
        _ = try scope.scope(keyID: keyId)
    }

    /// The first and last issue days the key may sign: --from, or `today`; --until, or five years on (the day
    /// capped at 28, so that every month has it).
    ///
    /// - Throws: `ValidationError` naming the option and its value when a date is not a day from 0001-01-01 to
    ///   9999-12-31, when five years on passes 9999-12-31, or when --until comes before --from.
    func validity(today: CivilDate) throws -> (from: CivilDate, until: CivilDate) {
        let start: CivilDate
        if let from {
            guard let date = CivilDate(from) else { throw Self.notADate("--from", from) }
            start = date
        } else {
            start = today
        }
        let first = from.map { "--from \($0)" } ?? "today (\(start))"
        guard let until else {
            guard let end = CivilDate(year: start.year + 5, month: start.month, day: min(start.day, 28)) else {
                throw ValidationError("\(first) leaves less than five years before 9999-12-31; give --until as well.")
            }
            return (start, end)
        }
        guard let end = CivilDate(until) else { throw Self.notADate("--until", until) }
        guard end >= start else { throw ValidationError("--until \(until) is before \(first).") }
        return (start, end)
    }

    static func notADate(_ option: String, _ value: String) -> ValidationError {
        ValidationError("\(option) must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31, not '\(value)'.")
    }

    func run() throws {
        let key = HouseholdSigningKey()
        let days = try validity(today: .today())
        let written = try writeKeyPair(key, stem: "\(outDir)/\(keyId)")
        let trust = TrustList([
            TrustList.Entry(
                keyID: keyId, publicKey: key.publicKey, owner: owner ?? "commune \(keyId.prefix { $0 != "." })",
                from: days.from, until: days.until, scope: try scope.scope(keyID: keyId))
        ])
        Stderr.line("wrote \(written.privatePath) (private, mode 0600) and \(written.publicPath)")
        print(String(decoding: trust.json, as: UTF8.self), terminator: "")
    }
}

/// `--scope` and `--province`: the households a key may vouch for, for keygen and `trust add`.
struct ScopeOptions: ParsableArguments {
    @Option(help: "The communes the key may vouch for, comma-separated: 18223,18226. By default its key ID's commune.")
    var scope: String?

    @Option(help: "The provinces the key may vouch for, every commune in them, comma-separated: 42.")
    var province: String?

    /// The scope the options give, or, with neither, the commune `keyID` names.
    ///
    /// - Throws: `ValidationError` for a code that names no commune or province, or when neither option is given
    ///   and the key ID names no commune.
    func scope(keyID: String) throws -> TrustScope {
        func codes(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { String($0.filter { $0 != " " }) }
        }
        guard scope != nil || province != nil else {
            let legacy = TrustScope.legacy(keyID: keyID)
            guard !legacy.isEmpty else {
                throw ValidationError(
                    "The key ID \(keyID) names no commune (five digits, then a dot); give --scope or --province.")
            }
            return legacy
        }
        do {
            let stated = try TrustScope(communes: codes(scope), provinces: codes(province)).validated()
            guard !stated.isEmpty else { throw ValidationError("--scope and --province name no commune or province.") }
            return stated
        } catch let error as ProvenanceError {
            throw ValidationError(error.message)
        }
    }
}

/// The key files a key pair is written to, beside each other.
struct KeyPairFiles {
    var privatePath: String
    var publicPath: String
}

/// Writes a new key pair as STEM.pem (mode 0600 from its first byte) and STEM.pub.pem, each atomically and never
/// over an existing file, refusing before writing either when one exists.
func writeKeyPair(_ key: HouseholdSigningKey, stem: String) throws -> KeyPairFiles {
    let files = KeyPairFiles(privatePath: "\(stem).pem", publicPath: "\(stem).pub.pem")
    for path in [files.privatePath, files.publicPath] where Files.exists(path) {
        Stderr.line("error: \(path) exists; a key is never overwritten")
        throw ExitStatus.cannotCreate
    }
    do {
        try Files.write(Array(key.pemRepresentation.utf8), to: files.privatePath, access: .ownerOnly)
        try Files.write(Array(key.publicKey.pemRepresentation.utf8), to: files.publicPath, access: .shared)
    } catch {
        // A key file that appeared meanwhile is kept too: no --force advice, a key is never overwritten.
        throw ErrorReport(error, keptFileAdvice: "a key is never overwritten").printed()
    }
    return files
}
