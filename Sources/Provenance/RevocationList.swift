// A revocation list, version 1:
//
//     { "version": 1,
//       "revoked": [ { "householdId": "18223-0042", "issuedBefore": "2026-11-15", "reason": "..." } ] }
//
// Codes for the household issued before `issuedBefore` are revoked; a code issued on or after it (a replacement)
// is not.

/// Household codes withdrawn by the commune.
public struct RevocationList: Sendable {
    /// One withdrawn household.
    public struct Entry: Sendable, Hashable {
        /// The household.
        public var householdID: String
        /// Codes issued before this day are revoked.
        public var issuedBefore: CivilDate
        /// Why, for people.
        public var reason: String?

        /// Makes an entry.
        public init(householdID: String, issuedBefore: CivilDate, reason: String? = nil) {
            self.householdID = householdID
            self.issuedBefore = issuedBefore
            self.reason = reason
        }
    }

    /// The entries by household ID.
    public private(set) var entries: [String: Entry]

    /// An empty list.
    public static let empty = RevocationList()

    /// Makes a list; where a household appears twice, the later cut-off wins.
    public init(_ entries: [Entry] = []) {
        self.entries = [:]
        for entry in entries
        where (self.entries[entry.householdID]?.issuedBefore ?? entry.issuedBefore) <= entry.issuedBefore {
            self.entries[entry.householdID] = entry
        }
    }

    /// The entry revoking a code for `householdID` issued on `issued`, if any.
    public func revocation(of householdID: String, issued: CivilDate) -> Entry? {
        guard let entry = entries[householdID], issued < entry.issuedBefore else { return nil }
        return entry
    }

    /// Reads a revocation list's JSON.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidList`` naming the entry that is wrong.
    public init(json: [UInt8]) throws(ProvenanceError) {
        struct File: Decodable {
            struct Item: Decodable {
                var householdId: String
                var issuedBefore: String
                var reason: String?
            }
            var version: Int
            var revoked: [Item]
        }
        let file = try decodeJSON(File.self, from: json, what: "the revocation list")
        guard file.version == 1 else {
            throw ProvenanceError(
                code: .invalidList, message: "revocation list version \(file.version) is not supported (1 is)")
        }
        var entries: [Entry] = []
        for (i, item) in file.revoked.enumerated() {
            guard let date = CivilDate(item.issuedBefore) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1,
                    message: "revocation \(i + 1) (\(item.householdId)): issuedBefore must be a date YYYY-MM-DD")
            }
            entries.append(Entry(householdID: item.householdId, issuedBefore: date, reason: item.reason))
        }
        self.init(entries)
    }
}
