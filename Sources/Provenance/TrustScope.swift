// A trust-list key's scope, as the list writes it:
//
//     "scope": { "communes": ["18223", "18226"], "provinces": ["42"] }      ; either list may be empty or absent
//
// A household is in scope when its commune code (the household ID's first five digits) is one of `communes`, or
// when its province is one of `provinces`. Its province is the 2025-07-01 list's province for a commune in that
// list, and the province code the code carries (tag 04) for a pre-2025 commune.

/// The households a trusted key may vouch for: communes by code, and whole provinces.
///
/// A province office's key names its province and so vouches for every commune in it; a commune's key names its
/// commune. A key never vouches for a household outside its scope, whatever the dates: such a code reads as
/// ``Verdict/outOfScope``.
public struct TrustScope: Sendable, Hashable, CustomStringConvertible {
    /// Commune codes, five digits each, 2025-07-01 or earlier.
    public var communes: Set<String>
    /// Province codes, two digits each.
    public var provinces: Set<String>

    /// A scope of communes and provinces.
    public init(communes: some Sequence<String> = [String](), provinces: some Sequence<String> = [String]()) {
        self.communes = Set(communes)
        self.provinces = Set(provinces)
    }

    /// The scope that vouches for nothing.
    public static let nothing = TrustScope()

    /// Whether the scope vouches for nothing.
    public var isEmpty: Bool { communes.isEmpty && provinces.isEmpty }

    /// The commune a key ID names: its leading five digits when a `.` follows them or they end the ID
    /// (`18223.1` → `18223`), else `nil`.
    public static func commune(namedBy keyID: String) -> String? {
        let bytes = Array(keyID.utf8)
        guard bytes.count >= 5, bytes[0..<5].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            bytes.count == 5 || bytes[5] == UInt8(ascii: ".")
        else { return nil }
        return String(decoding: bytes[0..<5], as: UTF8.self)
    }

    /// The scope of a list entry that states none, as every list before scopes did: the commune its key ID names, or
    /// nothing when the key ID names no commune.
    public static func legacy(keyID: String) -> TrustScope {
        commune(namedBy: keyID).map { TrustScope(communes: [$0]) } ?? .nothing
    }

    /// The province a commune belongs to: the 2025-07-01 list's, or `provinceCode` (the code's tag 04) for a
    /// commune that list does not hold.
    static func province(ofCommune communeCode: String, provinceCode: String) -> String {
        AdminUnits.commune(code: communeCode)?.provinceCode ?? provinceCode
    }

    /// Whether a household of `communeCode`, whose code gives `provinceCode`, is in scope.
    ///
    /// - Parameters:
    ///   - communeCode: The household ID's first five digits.
    ///   - provinceCode: The province code the code carries (tag 04); it counts only for a pre-2025 commune, as the
    ///     2025-07-01 list fixes the province of every commune it holds.
    public func contains(communeCode: String, provinceCode: String) -> Bool {
        communes.contains(communeCode)
            || provinces.contains(Self.province(ofCommune: communeCode, provinceCode: provinceCode))
    }

    /// Whether the record's household is in scope.
    public func contains(_ record: HouseholdRecord) -> Bool {
        contains(communeCode: record.communeCode, provinceCode: record.place.provinceCode)
    }

    /// `communes 18223, 18226; provinces 42`, or `nothing`.
    public var description: String {
        var parts: [String] = []
        if !communes.isEmpty { parts.append("communes " + communes.sorted().joined(separator: ", ")) }
        if !provinces.isEmpty { parts.append("provinces " + provinces.sorted().joined(separator: ", ")) }
        return parts.isEmpty ? "nothing" : parts.joined(separator: "; ")
    }

    /// Checks the codes' grammar and that each names a place: a commune code of the 2025-07-01 list or a plausible
    /// earlier one, a province code of the 2025 or the earlier list.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidList`` naming the first code that is wrong.
    public func validated() throws(ProvenanceError) -> TrustScope {
        for commune in communes.sorted() {
            let digits = commune.utf8.count == 5 && commune.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            guard digits, AdminUnits.commune(code: commune) != nil || AdminUnits.isPlausiblePre2025Commune(commune)
            else {
                throw ProvenanceError(
                    code: .invalidList, message: "scope commune \"\(commune)\" is not a five-digit commune code")
            }
        }
        for province in provinces.sorted() {
            guard AdminUnits.province(code: province) != nil || AdminUnits.pre2025ProvinceCodes.contains(province)
            else {
                throw ProvenanceError(
                    code: .invalidList,
                    message: "scope province \"\(province)\" is in neither the 2025 nor the earlier province list")
            }
        }
        return self
    }
}

extension AdminUnits {
    /// Whether a commune code not in the 2025-07-01 list is a plausible earlier one: five digits, 1 to the highest
    /// listed code.
    static func isPlausiblePre2025Commune(_ code: String) -> Bool {
        guard code.utf8.count == 5, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(code) else {
            return false
        }
        return number >= 1 && number <= highestCommuneCode
    }
}
