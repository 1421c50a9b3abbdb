// JSON decoding is Foundation's; the lists are small and read once.
import EMVQR

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// A trust list, version 1:
//
//     {
//       "version": 1,
//       "root": "42", "issued": "2026-11-01", "nextUpdate": "2026-12-01",
//       "keys": [
//         { "keyId": "18223.1", "publicKey": "<43 base64url chars>", "owner": "UBND xã Kim Hoa (18223)",
//           "from": "2026-01-01", "until": "2028-12-31", "status": "active",
//           "scope": { "communes": ["18223"], "provinces": [] } },
//         { "keyId": "18223.0", ..., "status": "revoked", "revokedOn": "2026-06-01" }
//       ]
//     }
//
// `status` is `active` or `revoked`. A key signs codes issued from `from` to `until`, both inclusive. A revoked key
// with `revokedOn` is withdrawn for codes issued on or after that day; without it, for every code. `issued` and
// `nextUpdate` and `root` (the ID of the root key that signs the list) are optional in an unsigned file and required under a signature (SignedList.swift). An entry with no
// `scope` is read as the commune its key ID names (TrustScope.legacy(keyID:)), with a warning.

/// The keys a verifier trusts, each with its owner, scope, validity and status.
public struct TrustList: Sendable {
    /// One trusted key.
    public struct Entry: Sendable, Hashable {
        /// The key's ID, as codes carry it in tag 12.
        public var keyID: String
        /// The public key.
        public var publicKey: HouseholdPublicKey
        /// Who holds the key: the commune or the province office.
        public var owner: String
        /// The first day codes signed with this key may be issued.
        public var from: CivilDate
        /// The last day codes signed with this key may be issued.
        public var until: CivilDate
        /// Whether the key is in use.
        public var status: Status
        /// For a revoked key, the first issue day it no longer vouches for; `nil` withdraws every code it signed.
        public var revokedOn: CivilDate?
        /// The households the key may vouch for.
        public var scope: TrustScope

        /// Makes an entry.
        ///
        /// - Parameters:
        ///   - keyID: The key's ID, as codes carry it in tag 12.
        ///   - publicKey: The public key.
        ///   - owner: Who holds the key: the commune or the province office.
        ///   - from: The first day codes signed with this key may be issued.
        ///   - until: The last day codes signed with this key may be issued.
        ///   - status: Whether the key is in use.
        ///   - revokedOn: For a revoked key, the first issue day it no longer vouches for; `nil` withdraws every code
        ///     it signed.
        ///   - scope: The households it may vouch for; by default the commune its key ID names
        ///     (``TrustScope/legacy(keyID:)``).
        public init(
            keyID: String, publicKey: HouseholdPublicKey, owner: String, from: CivilDate, until: CivilDate,
            status: Status = .active, revokedOn: CivilDate? = nil, scope: TrustScope? = nil
        ) {
            self.keyID = keyID
            self.publicKey = publicKey
            self.owner = owner
            self.from = from
            self.until = until
            self.status = status
            self.revokedOn = revokedOn
            self.scope = scope ?? .legacy(keyID: keyID)
        }

        /// Whether the key is withdrawn for every code it signed: revoked with no date.
        public var isWithdrawn: Bool { status == .revoked && revokedOn == nil }

        /// Whether the key is withdrawn for a code issued on `issued`: revoked from a day on or before it.
        public func isRevoked(forIssueDate issued: CivilDate) -> Bool {
            status == .revoked && (revokedOn.map { $0 <= issued } ?? true)
        }
    }

    /// A key's status.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Codes it signed verify.
        case active
        /// Withdrawn, for example after the key leaked: no code it signed verifies, or none issued on or after
        /// ``Entry/revokedOn``.
        case revoked
    }

    /// The entries by key ID.
    public private(set) var entries: [String: Entry]
    /// The day the list was issued, if it says.
    public var issued: CivilDate?
    /// The day by which a newer list will be out, if it says; after it the list is stale.
    public var nextUpdate: CivilDate?
    /// The root key ID that signs the list: the one the list names (`"root"`), and for a list read with
    /// ``init(signed:root:today:)`` the one whose signature was checked.
    public var rootKeyID: String?
    /// What reading the list found worth saying: entries with no scope, an unsigned file.
    public internal(set) var warnings: [ListWarning] = []

    /// Makes a list.
    public init(_ entries: [Entry] = [], issued: CivilDate? = nil, nextUpdate: CivilDate? = nil) {
        self.entries = [:]
        for entry in entries { self.entries[entry.keyID] = entry }
        self.issued = issued
        self.nextUpdate = nextUpdate
    }

    /// The entry for `keyID`, if any.
    public subscript(keyID: String) -> Entry? { entries[keyID] }

    /// Adds an entry, or replaces the one with its key ID.
    public mutating func insert(_ entry: Entry) { entries[entry.keyID] = entry }

    /// Reads an unsigned trust list's JSON. Its ``warnings`` start with ``ListWarning/Code/unsignedList``.
    ///
    /// - Parameter json: The file's bytes.
    /// - Throws: ``ProvenanceError/Code/invalidList`` naming the entry and field that is wrong, or
    ///   ``ProvenanceError/Code/invalidKey``.
    public init(json: [UInt8]) throws(ProvenanceError) {
        try self.init(listJSON: json)
        warnings.insert(
            ListWarning(
                code: .unsignedList,
                message: "the trust list is not signed: anyone who could change the file could have added a key"),
            at: 0)
    }

    /// Reads a trust list's JSON, signed or not.
    init(listJSON json: [UInt8]) throws(ProvenanceError) {
        let file = try decodeJSON(File.self, from: json, what: "the trust list")
        guard file.version == 1 else {
            throw ProvenanceError(
                code: .invalidList, message: "trust list version \(file.version) is not supported (1 is)")
        }
        let dates = try ListDates(issued: file.issued, nextUpdate: file.nextUpdate, what: "the trust list")
        var entries: [Entry] = []
        var warnings: [ListWarning] = []
        entries.reserveCapacity(file.keys.count)
        for (i, key) in file.keys.enumerated() {
            let name = "trust list key \(i + 1) (\(key.keyId))"
            guard HouseholdRecord.isValidKeyID(key.keyId) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1,
                    message: "\(name): a key ID is 1–32 letters, digits, '.', '-' or '_', as codes carry it")
            }
            guard let from = CivilDate(key.from), let until = CivilDate(key.until) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1, message: "\(name): from and until must be dates YYYY-MM-DD")
            }
            guard from <= until else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1, message: "\(name): until \(until) is before from \(from)")
            }
            guard let status = Status(rawValue: key.status) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1,
                    message: "\(name): status \"\(key.status)\" is not active or revoked")
            }
            var revokedOn: CivilDate?
            if let text = key.revokedOn {
                guard let date = CivilDate(text) else {
                    throw ProvenanceError(
                        code: .invalidList, row: i + 1, message: "\(name): revokedOn must be a date YYYY-MM-DD")
                }
                guard status == .revoked else {
                    throw ProvenanceError(
                        code: .invalidList, row: i + 1,
                        message: "\(name): revokedOn is given but the status is \(status), not revoked")
                }
                revokedOn = date
            }
            let publicKey: HouseholdPublicKey
            do throws(ProvenanceError) {
                publicKey = try HouseholdPublicKey(base64URL: key.publicKey)
            } catch {
                throw error.at(row: i + 1)
            }
            let scope: TrustScope
            if let stated = key.scope {
                do throws(ProvenanceError) {
                    scope = try TrustScope(communes: stated.communes ?? [], provinces: stated.provinces ?? [])
                        .validated()
                } catch {
                    throw ProvenanceError(code: .invalidList, row: i + 1, message: "\(name): \(error.message)")
                }
                if scope.isEmpty {
                    warnings.append(
                        ListWarning(
                            code: .scopeEmpty, row: i + 1, message: "\(name) has an empty scope: it vouches for nothing"
                        ))
                }
            } else {
                scope = .legacy(keyID: key.keyId)
                warnings.append(
                    scope.isEmpty
                        ? ListWarning(
                            code: .scopeEmpty, row: i + 1,
                            message: "\(name) states no scope and its key ID names no commune: it vouches for nothing")
                        : ListWarning(
                            code: .scopeFromKeyID, row: i + 1,
                            message: "\(name) states no scope; read as \(scope), which its key ID names"))
            }
            entries.append(
                Entry(
                    keyID: key.keyId, publicKey: publicKey, owner: key.owner, from: from, until: until, status: status,
                    revokedOn: revokedOn, scope: scope))
        }
        self.init(entries, issued: dates.issued, nextUpdate: dates.nextUpdate)
        if let root = file.root {
            guard HouseholdRecord.isValidKeyID(root) else {
                throw ProvenanceError(
                    code: .invalidList, message: "the trust list's root \"\(root)\" is not a key ID")
            }
            rootKeyID = root
        }
        guard self.entries.count == entries.count else {
            throw ProvenanceError(code: .invalidList, message: "the trust list names a key ID twice")
        }
        self.warnings = warnings
    }

    /// The list as JSON, keys sorted by ID, each with its scope stated: the working file `villageqr trust` edits,
    /// and the bytes it signs.
    public var json: [UInt8] {
        let file = File(
            version: 1, root: rootKeyID, issued: issued?.description, nextUpdate: nextUpdate?.description,
            keys: entries.values.sorted { $0.keyID < $1.keyID }.map {
                File.Key(
                    keyId: $0.keyID, publicKey: $0.publicKey.base64URL, owner: $0.owner, from: $0.from.description,
                    until: $0.until.description, status: $0.status.rawValue, revokedOn: $0.revokedOn?.description,
                    scope: File.Scope(communes: $0.scope.communes.sorted(), provinces: $0.scope.provinces.sorted()))
            })
        return Array(encodeJSON(file, pretty: true) ?? Data()) + [0x0A]
    }

    struct File: Codable {
        struct Scope: Codable {
            var communes: [String]?
            var provinces: [String]?
        }
        struct Key: Codable {
            var keyId: String
            var publicKey: String
            var owner: String
            var from: String
            var until: String
            var status: String
            var revokedOn: String?
            var scope: Scope?
        }
        var version: Int
        var root: String?
        var issued: String?
        var nextUpdate: String?
        var keys: [Key]
    }
}

extension TrustList {
    /// Checks, before signing, that this list would verify a code for `record` signed with `keyID`: the key is
    /// listed with `publicKey`, the household is in its scope, and the key is valid and not revoked on the issue
    /// date.
    ///
    /// - Parameters:
    ///   - record: The record, validated.
    ///   - keyID: The signing key's ID.
    ///   - publicKey: The signing key's public key.
    /// - Throws: ``ProvenanceError/Code/outOfScope`` for a household outside the key's scope, at the household ID;
    ///   ``ProvenanceError/Code/invalidKey`` for a key the list does not hold, holds with another public key, or
    ///   does not let sign on the issue date.
    public func checkIssuing(
        _ record: HouseholdRecord, keyID: String, publicKey: HouseholdPublicKey
    ) throws(ProvenanceError) {
        guard let entry = self[keyID] else {
            throw ProvenanceError(code: .invalidKey, message: "key \(keyID) is not in the trust list")
        }
        guard entry.publicKey == publicKey else {
            throw ProvenanceError(
                code: .invalidKey, message: "the trust list holds another public key for \(keyID) than this key's")
        }
        guard entry.scope.contains(record) else {
            throw ProvenanceError(
                code: .outOfScope, path: TagPath(HouseholdTag.householdID),
                message: "key \(keyID) (\(entry.owner)) may not vouch for household \(record.householdID) of "
                    + "commune \(record.communeCode); it vouches for \(entry.scope)")
        }
        guard !entry.isRevoked(forIssueDate: record.issued) else {
            throw ProvenanceError(
                code: .invalidKey, message: "key \(keyID) is revoked for codes issued \(record.issued)")
        }
        guard entry.from <= record.issued && record.issued <= entry.until else {
            throw ProvenanceError(
                code: .invalidKey,
                message: "key \(keyID) signs codes issued \(entry.from) to \(entry.until), not on \(record.issued)")
        }
    }
}

/// A list's issue and next-update days, as both lists carry them.
struct ListDates {
    var issued: CivilDate?
    var nextUpdate: CivilDate?

    /// Reads the two optional dates; the next update may not come before the issue.
    init(issued: String?, nextUpdate: String?, what: String) throws(ProvenanceError) {
        for (name, text) in [("issued", issued), ("nextUpdate", nextUpdate)] {
            if let text, CivilDate(text) == nil {
                throw ProvenanceError(code: .invalidList, message: "\(what): \(name) must be a date YYYY-MM-DD")
            }
        }
        self.issued = issued.flatMap { CivilDate($0) }
        self.nextUpdate = nextUpdate.flatMap { CivilDate($0) }
        if let first = self.issued, let next = self.nextUpdate, next < first {
            throw ProvenanceError(
                code: .invalidList, message: "\(what): nextUpdate \(next) is before issued \(first)")
        }
    }
}

/// Encodes a value as the module writes all its JSON: keys sorted, so output is stable and diffable, and slashes
/// unescaped, so a URL reads as written.
///
/// - Parameters:
///   - value: The value.
///   - pretty: Whether to indent it, for a file a person reads and edits.
/// - Returns: The JSON, or `nil` if the value cannot be encoded.
func encodeJSON(_ value: some Encodable, pretty: Bool = false) -> Data? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
    return try? encoder.encode(value)
}

/// Decodes a JSON file, turning a decoding error into a sentence naming the key path.
func decodeJSON<T: Decodable>(
    _ type: T.Type, from json: [UInt8], what: String, code: ProvenanceError.Code = .invalidList
) throws(ProvenanceError) -> T {
    do {
        return try JSONDecoder().decode(type, from: Data(json))
    } catch {
        throw ProvenanceError(code: code, message: "\(what) is not valid: \(describe(error))")
    }
}

/// A decoding error in a sentence: which key path, what was wrong.
func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
        return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
        return "wrong type at \(path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context):
        return "\(context.debugDescription) at \(path(context.codingPath))"
    default:
        return "\(error)"
    }
}

private func path(_ keys: [any CodingKey]) -> String {
    keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
}
