/// Vietnam's provinces and communes as of 2025-07-01 (two levels; districts were abolished that day).
///
/// The lists come from Fixtures/admin-units/ (Công văn 915/CTK-CSCL and 1027/CTK-CSCL, see its SOURCE.md) and are
/// compiled into the module by scripts/generate-admin-units.py, so a lookup needs no file and no Foundation.
///
/// A code from before the reform is accepted with a note. Commune codes run in one national sequence that the
/// reform kept (a merged commune keeps one of its old codes), so a five-digit code no higher than the highest listed
/// one is read as a pre-2025 commune; the shipped lists cannot say more about it, so its names must travel in the
/// code. Province codes were reused with new meanings (52 was Bình Định and is now Gia Lai): a province code is read
/// against the 2025 list first.
public enum AdminUnits {
    /// A province in the 2025-07-01 list.
    public struct Province: Sendable, Hashable {
        /// Two digits, for example `42`.
        public let code: String
        /// The official name, for example `Hà Tĩnh`.
        public let name: String
    }

    /// A commune in the 2025-07-01 list.
    public struct Commune: Sendable, Hashable {
        /// Five digits, for example `18223`.
        public let code: String
        /// The official name, for example `Xã Kim Hoa`.
        public let name: String
        /// The province's two-digit code.
        public let provinceCode: String
    }

    /// How a place's codes matched the lists.
    public enum Match: Sendable, Hashable {
        /// Both codes are in the 2025-07-01 lists and the commune lies in the province.
        case current(Commune, Province)
        /// The commune code is not in the 2025-07-01 list but is a plausible earlier code; accepted with a note.
        case pre2025
    }

    // The generated lists (AdminUnits+Table.swift) keyed by code. Their codes are unique (the generator checks);
    // should one repeat, the first entry wins rather than trapping.
    static let provinces: [String: Province] = Dictionary(
        provinceList.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    static let communes: [String: Commune] = Dictionary(
        communeList.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// The province with a 2025-07-01 code, if any.
    public static func province(code: String) -> Province? { provinces[code] }

    /// The commune with a 2025-07-01 code, if any.
    public static func commune(code: String) -> Commune? { communes[code] }

    /// Every commune in the 2025-07-01 list.
    public static var allCommunes: some Collection<Commune> { communes.values }

    /// Every province in the 2025-07-01 list.
    package static var allProvinces: some Collection<Province> { provinces.values }

    /// The province codes in force before 2025-07-01, which ``match(communeCode:provinceCode:)`` accepts for a
    /// pre-2025 commune.
    package static var earlierProvinceCodes: Set<String> { pre2025ProvinceCodes }

    /// The highest commune code in the lists: a pre-2025 commune code is at most this.
    package static var highestListedCommuneCode: Int { highestCommuneCode }

    /// Checks a commune and province code against the lists.
    ///
    /// - Parameters:
    ///   - communeCode: Five digits.
    ///   - provinceCode: Two digits.
    /// - Returns: How the codes matched.
    /// - Throws: ``ProvenanceError/Code/unknownPlace`` when a code is in neither list or the commune lies in
    ///   another province.
    public static func match(communeCode: String, provinceCode: String) throws(ProvenanceError) -> Match {
        if let commune = communes[communeCode] {
            guard commune.provinceCode == provinceCode, let province = provinces[provinceCode] else {
                throw ProvenanceError(
                    code: .unknownPlace,
                    message: "commune \(communeCode) (\(commune.name)) lies in province \(commune.provinceCode), "
                        + "not \(provinceCode)")
            }
            return .current(commune, province)
        }
        guard isPlausiblePre2025Commune(communeCode) else {
            throw ProvenanceError(
                code: .unknownPlace, message: "commune code \"\(communeCode)\" is not a five-digit commune code")
        }
        guard provinces[provinceCode] != nil || pre2025ProvinceCodes.contains(provinceCode) else {
            throw ProvenanceError(
                code: .unknownPlace,
                message: "province code \"\(provinceCode)\" is in neither the 2025 nor the earlier list")
        }
        return .pre2025
    }
}
