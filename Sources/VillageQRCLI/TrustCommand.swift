import ArgumentParser
import FileIO
import Provenance
import QRImaging

/// `villageqr trust`: a root office's trust list of commune keys, signed for verifiers.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Keep a trust list of commune keys and sign it with a root key for verifiers.",
        discussion: """
            The commands edit an unsigned working list, trust.json in the current folder unless --list names \
            another, and `sign` writes the signed list verifiers read with --root ROOT.pub.pem. Every file is \
            written atomically; a key is never overwritten.
            """,
        subcommands: [
            TrustInitCommand.self, TrustAddCommand.self, TrustRevokeCommand.self, TrustSignCommand.self,
            TrustShowCommand.self,
        ]
    )
}

/// `--list FILE`: the working list.
struct WorkingListOptions: ParsableArguments {
    @Option(help: "The working (unsigned) trust list.")
    var list: String = "trust.json"

    /// The working list as it is on disk.
    func read() throws -> TrustList {
        guard Files.exists(list) else {
            Stderr.line("error: \(list) does not exist; make it with `villageqr trust init`")
            throw ExitStatus.ioError
        }
        let bytes = try Files.read(list, maximumBytes: SignedList.maximumPayloadBytes)
        try refuseSignedWithoutRoot(bytes, list)
        return try TrustList(json: bytes)
    }

    /// Replaces the working list atomically.
    func write(_ trust: TrustList) throws {
        try Files.write(trust.json, to: list, overwrite: .replace)
    }

    /// The folder the working list is in, where `init` puts the root key.
    var folder: String {
        guard let slash = list.lastIndex(of: "/") else { return "." }
        return slash == list.startIndex ? "/" : String(list[..<slash])
    }
}

/// Reads `--from`/`--on`-style dates, naming the option when one is not a date.
func parseDate(_ text: String, option: String) throws -> CivilDate {
    guard let date = CivilDate(text) else {
        throw ValidationError("\(option) must be a date YYYY-MM-DD, not '\(text)'.")
    }
    return date
}

/// `villageqr trust init`: a root key and an empty working list.
struct TrustInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a root key (ID.pem, mode 0600, and ID.pub.pem) and an empty working list naming it.",
        discussion: "Never overwrites a key. An existing working list is kept; it must name no other root."
    )

    @Option(help: "The root key's ID, for example 42 for Hà Tĩnh's office.")
    var rootKeyId: String

    @OptionGroup var working: WorkingListOptions

    func validate() throws { try validateKeyID(rootKeyId) }

    func run() throws {
        try reportingFailures {
            var trust = Files.exists(working.list) ? try working.read() : TrustList()
            if let root = trust.rootKeyID, root != rootKeyId {
                Stderr.line("error: \(working.list) is signed by root \(root), not \(rootKeyId)")
                throw ExitStatus.dataError
            }
            let files = try writeKeyPair(HouseholdSigningKey(), stem: "\(working.folder)/\(rootKeyId)")
            trust.rootKeyID = rootKeyId
            try working.write(trust)
            Stderr.line(
                "wrote \(files.privatePath) (private, mode 0600), \(files.publicPath) and \(working.list); "
                    + "hand \(files.publicPath) to verifiers")
        }
    }
}

/// `villageqr trust add`: a commune's or province office's key.
struct TrustAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a key to the working list, with its owner, scope and validity.")

    @Option(help: "The key's ID, as its codes carry it: 18223.1.")
    var keyId: String

    @Option(help: "The key's public key, SubjectPublicKeyInfo PEM (ID.pub.pem from keygen).")
    var publicKey: String

    @Option(help: "Who holds the key, for buyers: UBND xã Kim Hoa (18223).")
    var owner: String

    @OptionGroup var scope: ScopeOptions

    @Option(help: "First issue day the key may sign (YYYY-MM-DD).")
    var from: String

    @Option(help: "Last issue day the key may sign (YYYY-MM-DD).")
    var until: String

    @OptionGroup var working: WorkingListOptions

    func validate() throws {
        try validateKeyID(keyId)
        _ = try scope.scope(keyID: keyId)
        guard try parseDate(from, option: "--from") <= (try parseDate(until, option: "--until")) else {
            throw ValidationError("--until \(until) is before --from \(from).")
        }
    }

    func run() throws {
        try reportingFailures {
            var trust = try working.read()
            let key = try readPublicKey(publicKey)
            if trust[keyId] != nil {
                Stderr.line("error: \(working.list) already holds key \(keyId); a key is never overwritten")
                throw ExitStatus.cannotCreate
            }
            if let other = trust.entries.values.first(where: { $0.publicKey == key }) {
                Stderr.line("error: \(publicKey) is already in \(working.list) as key \(other.keyID)")
                throw ExitStatus.dataError
            }
            let entry = TrustList.Entry(
                keyID: keyId, publicKey: key, owner: owner, from: try parseDate(from, option: "--from"),
                until: try parseDate(until, option: "--until"), scope: try scope.scope(keyID: keyId))
            trust.insert(entry)
            try working.write(trust)
            Stderr.line("added \(keyId) (\(owner)), vouching for \(entry.scope), to \(working.list)")
        }
    }
}

/// `villageqr trust revoke`: withdraw a key, from a day or as a whole.
struct TrustRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Mark a key revoked: for codes issued on or after --on, or, without --on, for every code.")

    @Option(help: "The key's ID.")
    var keyId: String

    @Option(help: "The first issue day the key no longer vouches for (YYYY-MM-DD).")
    var on: String?

    @OptionGroup var working: WorkingListOptions

    func validate() throws {
        if let on { _ = try parseDate(on, option: "--on") }
    }

    func run() throws {
        try reportingFailures {
            var trust = try working.read()
            guard var entry = trust[keyId] else {
                Stderr.line("error: \(working.list) holds no key \(keyId)")
                throw ExitStatus.dataError
            }
            entry.status = .revoked
            entry.revokedOn = try on.map { try parseDate($0, option: "--on") }
            trust.insert(entry)
            try working.write(trust)
            Stderr.line(
                "revoked \(keyId) " + (entry.revokedOn.map { "for codes issued from \($0)" } ?? "for every code")
                    + " in \(working.list); sign and hand out the list again")
        }
    }
}

/// `villageqr trust sign`: the signed list for verifiers.
struct TrustSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign the working list (or, with --revocations, a revocation list) with the root key.",
        discussion: """
            The signed list names its issue day (--issued, today by default) and the day a newer one will be out \
            (--next-update, 30 days on by default); after that day verifiers refuse it as stale.
            """
    )

    @OptionGroup var working: WorkingListOptions

    @Option(name: .shortAndLong, help: "The signed list to write.")
    var output: String

    @Option(help: "The root's private key; by default ROOT.pem beside the working list, ROOT the root it names.")
    var rootKey: String?

    @Option(help: "Sign this revocation list (JSON) instead of the trust list, with the same root.")
    var revocations: String?

    @Option(help: "The list's issue day (YYYY-MM-DD); today in Vietnam by default.")
    var issued: String?

    @Option(help: "The day a newer list will be out (YYYY-MM-DD); 30 days after the issue by default.")
    var nextUpdate: String?

    @Flag(help: "Overwrite the output file.")
    var force = false

    func validate() throws {
        let first = try issued.map { try parseDate($0, option: "--issued") } ?? .today()
        if let nextUpdate, try parseDate(nextUpdate, option: "--next-update") < first {
            throw ValidationError("--next-update \(nextUpdate) is before the issue day \(first).")
        }
    }

    func run() throws {
        try reportingFailures {
            var trust = try working.read()
            guard let root = trust.rootKeyID else {
                Stderr.line("error: \(working.list) names no root; make one with `villageqr trust init`")
                throw ExitStatus.dataError
            }
            let keyPath = rootKey ?? "\(working.folder)/\(root).pem"
            let key = try readSigningKey(keyPath)
            let first = try issued.map { try parseDate($0, option: "--issued") } ?? .today()
            guard
                let next = try nextUpdate.map({ try parseDate($0, option: "--next-update") }) ?? first.adding(days: 30)
            else { throw ValidationError("--issued \(first) leaves no room for a next update; give --next-update.") }
            let bytes: [UInt8]
            let what: String
            if let revocations {
                // The input is the unsigned working file: being unsigned is what it is for.
                let file = try Files.read(revocations, maximumBytes: SignedList.maximumPayloadBytes)
                try refuseSignedWithoutRoot(file, revocations)
                var list = try RevocationList(json: file)
                list.issued = first
                list.nextUpdate = next
                bytes = try list.signed(rootKeyID: root, with: key)
                what = "\(list.entries.count) revoked households"
            } else {
                trust.issued = first
                trust.nextUpdate = next
                bytes = try trust.signed(rootKeyID: root, with: key)
                what = "\(trust.entries.count) keys"
            }
            try Files.write(bytes, to: output, overwrite: OverwritePolicy(force: force))
            Stderr.line("wrote \(output): \(what), root \(root), issued \(first), next update \(next)")
        }
    }
}

/// `villageqr trust show`: a list, checked.
struct TrustShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Check a signed list against the root key and print it; without --root, print an unsigned list.",
        discussion: "Exit status: 0 when the list is good, 1 when it is refused (tampered, wrongly signed, stale)."
    )

    @Argument(help: "The list: signed (from `trust sign`) or unsigned.")
    var file: String

    @Option(help: "The root's public key (PEM) the list must be signed with.")
    var root: String?

    @Option(help: "Check staleness against this day (YYYY-MM-DD) instead of today in Vietnam.")
    var today: String?

    func validate() throws {
        if let today { _ = try parseDate(today, option: "--today") }
    }

    func run() throws {
        // Checking the list is what `show` is for: a list refused as malformed, tampered or stale is its negative
        // result.
        do {
            try show()
        } catch let status as ExitCode where status == ExitStatus.dataError {
            throw ExitStatus.failure
        }
    }

    func show() throws {
        try reportingFailures {
            let day = try today.map { try parseDate($0, option: "--today") } ?? .today()
            let bytes = try Files.read(file, maximumBytes: SignedList.maximumPayloadBytes * 2)
            let payload =
                SignedList.isSignedList(bytes) ? try SignedList(parsing: bytes).payload : bytes
            if payload.starts(with: Array("{".utf8)), isRevocationList(payload) {
                let list = try loadRevocationList(file, root: root, today: day)
                print(header(list.rootKeyID, list.issued, list.nextUpdate, "revocation list"))
                for entry in list.entries.values.sorted(by: { $0.householdID < $1.householdID }) {
                    print(
                        "  \(entry.householdID): codes issued before \(entry.issuedBefore)"
                            + (entry.reason.map { " (\($0))" } ?? ""))
                }
            } else {
                let list = try loadTrustList(file, root: root, today: day)
                print(header(list.rootKeyID, list.issued, list.nextUpdate, "trust list"))
                for entry in list.entries.values.sorted(by: { $0.keyID < $1.keyID }) {
                    let status =
                        entry.status == .active
                        ? "active" : "revoked" + (entry.revokedOn.map { " from \($0)" } ?? "")
                    print(
                        "  \(entry.keyID): \(entry.owner); vouches for \(entry.scope); issues \(entry.from) to "
                            + "\(entry.until); \(status)")
                }
            }
        }
    }

    func header(_ root: String?, _ issued: CivilDate?, _ next: CivilDate?, _ kind: String) -> String {
        (self.root == nil ? "unsigned \(kind)" : "\(kind) signed by root \(root ?? "?"): signature good")
            + (issued.map { ", issued \($0)" } ?? "") + (next.map { ", next update \($0)" } ?? "")
    }

    /// Whether the JSON holds a revocation list's `revoked` rather than a trust list's `keys`.
    func isRevocationList(_ json: [UInt8]) -> Bool {
        (try? RevocationList(json: json)) != nil && (try? TrustList(json: json)) == nil
    }
}
