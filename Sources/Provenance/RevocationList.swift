// JSON encoding is Foundation's, as for the trust list.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// A revocation list, version 1:
//
//     { "version": 1, "issued": "2026-11-01", "nextUpdate": "2026-12-01",
//       "revoked": [ { "householdId": "18223-0042", "issuedBefore": "2026-11-15", "reason": "..." } ] }
//
// Codes for the household issued before `issuedBefore` are revoked; a code issued on or after it (a replacement)
// is not. `issued` and `nextUpdate` are optional in an unsigned file and required under a signature, as for the
// trust list (SignedList.swift).

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
    /// The day the list was issued, if it says.
    public var issued: CivilDate?
    /// The day by which a newer list will be out, if it says; after it the list is stale.
    public var nextUpdate: CivilDate?
    /// The root key ID whose signature was checked, for a list read with ``init(signed:root:today:)``.
    public internal(set) var rootKeyID: String?
    /// What reading the list found worth saying: an unsigned file.
    public internal(set) var warnings: [ListWarning] = []

    /// An empty list.
    public static let empty = RevocationList()

    /// Makes a list; where a household appears twice, the later cut-off wins.
    public init(_ entries: [Entry] = [], issued: CivilDate? = nil, nextUpdate: CivilDate? = nil) {
        self.issued = issued
        self.nextUpdate = nextUpdate
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

    /// Reads an unsigned revocation list's JSON. Its ``warnings`` start with ``ListWarning/Code/unsignedList``.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidList`` naming the entry that is wrong.
    public init(json: [UInt8]) throws(ProvenanceError) {
        try self.init(listJSON: json)
        warnings.insert(
            ListWarning(
                code: .unsignedList,
                message: "the revocation list is not signed: anyone who could change the file could have dropped "
                    + "a revocation"),
            at: 0)
    }

    /// Reads a revocation list's JSON, signed or not.
    init(listJSON json: [UInt8]) throws(ProvenanceError) {
        let file = try decodeJSON(File.self, from: json, what: "the revocation list")
        guard file.version == 1 else {
            throw ProvenanceError(
                code: .invalidList, message: "revocation list version \(file.version) is not supported (1 is)")
        }
        let dates = try ListDates(issued: file.issued, nextUpdate: file.nextUpdate, what: "the revocation list")
        var entries: [Entry] = []
        for (i, item) in file.revoked.enumerated() {
            guard let date = CivilDate(item.issuedBefore) else {
                throw ProvenanceError(
                    code: .invalidList, row: i + 1,
                    message: "revocation \(i + 1) (\(item.householdId)): issuedBefore must be a date YYYY-MM-DD")
            }
            entries.append(Entry(householdID: item.householdId, issuedBefore: date, reason: item.reason))
        }
        self.init(entries, issued: dates.issued, nextUpdate: dates.nextUpdate)
    }

    /// The list as JSON, households sorted by ID: the bytes `villageqr trust sign --revocations` signs.
    public var json: [UInt8] {
        let file = File(
            version: 1, issued: issued?.description, nextUpdate: nextUpdate?.description,
            revoked: entries.values.sorted { $0.householdID < $1.householdID }.map {
                File.Item(householdId: $0.householdID, issuedBefore: $0.issuedBefore.description, reason: $0.reason)
            })
        return Array(encodeJSON(file, pretty: true) ?? Data()) + [0x0A]
    }

    struct File: Codable {
        struct Item: Codable {
            var householdId: String
            var issuedBefore: String
            var reason: String?
        }
        var version: Int
        var issued: String?
        var nextUpdate: String?
        var revoked: [Item]
    }
}
