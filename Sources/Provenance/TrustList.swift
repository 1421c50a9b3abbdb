// JSON decoding is Foundation's; the lists are small and read once.
import Foundation

// A trust list, version 1:
//
//     {
//       "version": 1,
//       "keys": [
//         { "keyId": "18223.1", "publicKey": "<43 base64url chars>", "owner": "UBND xã Kim Hoa (18223)",
//           "from": "2026-01-01", "until": "2028-12-31", "status": "active" }
//       ]
//     }
//
// `status` is `active` or `revoked`. A key signs codes issued from `from` to `until`, both inclusive.

/// The keys a verifier trusts, each with its owner, validity and status.
public struct TrustList: Sendable {
    /// One trusted key.
    public struct Entry: Sendable, Hashable {
        /// The key's ID, as codes carry it in tag 12.
        public var keyID: String
        /// The public key.
        public var publicKey: HouseholdPublicKey
        /// Who holds the key: the commune.
        public var owner: String
        /// The first day codes signed with this key may be issued.
        public var from: CivilDate
        /// The last day codes signed with this key may be issued.
        public var until: CivilDate
        /// Whether the key is in use.
        public var status: Status

        /// Makes an entry.
        public init(
            keyID: String, publicKey: HouseholdPublicKey, owner: String, from: CivilDate, until: CivilDate,
            status: Status = .active
        ) {
            self.keyID = keyID
            self.publicKey = publicKey
            self.owner = owner
            self.from = from
            self.until = until
            self.status = status
        }
    }

    /// A key's status.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Codes it signed verify.
        case active
        /// Withdrawn, for example after the key leaked: no code it signed verifies.
        case revoked
    }

    /// The entries by key ID.
    public private(set) var entries: [String: Entry]

    /// Makes a list.
    public init(_ entries: [Entry] = []) {
        self.entries = [:]
        for entry in entries { self.entries[entry.keyID] = entry }
    }

    /// The entry for `keyID`, if any.
    public subscript(keyID: String) -> Entry? { entries[keyID] }

    /// Reads a trust list's JSON.
    ///
    /// - Parameter json: The file's bytes.
    /// - Throws: ``ProvenanceError/Code/invalidList`` naming the entry and field that is wrong, or
    ///   ``ProvenanceError/Code/invalidKey``.
    public init(json: [UInt8]) throws(ProvenanceError) {
        let file = try decodeJSON(File.self, from: json, what: "the trust list")
        guard file.version == 1 else {
            throw ProvenanceError(
                code: .invalidList, message: "trust list version \(file.version) is not supported (1 is)")
        }
        var entries: [Entry] = []
        for (i, key) in file.keys.enumerated() {
            guard let from = CivilDate(key.from), let until = CivilDate(key.until) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1,
                    message: "trust list key \(i + 1) (\(key.keyId)): from and until must be dates YYYY-MM-DD")
            }
            guard let status = Status(rawValue: key.status) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1,
                    message: "trust list key \(i + 1) (\(key.keyId)): status \"\(key.status)\" is not active or revoked"
                )
            }
            let publicKey: HouseholdPublicKey
            do throws(ProvenanceError) {
                publicKey = try HouseholdPublicKey(base64URL: key.publicKey)
            } catch {
                throw error.at(row: i + 1)
            }
            entries.append(
                Entry(
                    keyID: key.keyId, publicKey: publicKey, owner: key.owner, from: from, until: until, status: status))
        }
        guard Set(entries.map(\.keyID)).count == entries.count else {
            throw ProvenanceError(code: .invalidList, message: "the trust list names a key ID twice")
        }
        self.init(entries)
    }

    /// The list as JSON, keys sorted by ID.
    public var json: [UInt8] {
        let file = File(
            version: 1,
            keys: entries.values.sorted { $0.keyID < $1.keyID }.map {
                File.Key(
                    keyId: $0.keyID, publicKey: $0.publicKey.base64URL, owner: $0.owner, from: $0.from.description,
                    until: $0.until.description, status: $0.status.rawValue)
            })
        return Array(encodeJSON(file, pretty: true) ?? Data()) + [0x0A]
    }

    struct File: Codable {
        struct Key: Codable {
            var keyId: String
            var publicKey: String
            var owner: String
            var from: String
            var until: String
            var status: String
        }
        var version: Int
        var keys: [Key]
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
