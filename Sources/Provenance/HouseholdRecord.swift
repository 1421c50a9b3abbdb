/// What a household code says about one household: who, where, sanitation, waste, products and validity.
///
/// Make a record from JSON (``init(json:)``), from a CSV row (``HouseholdCSV``) or in code, then sign it with
/// ``HouseholdIssuer``. A record read back from a verified code is the same record, text in NFC.
public struct HouseholdRecord: Sendable, Hashable {
    /// The commune code plus the household number, for example `18223-0042`.
    public var householdID: String
    /// The head of household's full name, with diacritics.
    public var head: String
    /// Where the household lives.
    public var place: Place
    /// The household's toilet.
    public var sanitation: SanitationSystem
    /// How the household treats its waste; one or more, no repeats.
    public var wasteTreatment: [WasteTreatment]
    /// What the household grows, raises or makes; at most ten.
    public var products: [Product]
    /// The day the code was issued.
    public var issued: CivilDate
    /// The last day the code is valid.
    public var expires: CivilDate
    /// An optional https URL with more details, such as a GS1 Digital Link.
    public var url: String?
    /// The issuer's verifier page, `https://HOST/PATH`: the base of the code's link form (tag 13). Signed like every
    /// field, so a genuine code copied behind another address is flagged there; see ``HouseholdLink``.
    public var verifierAddress: String?

    /// Makes a record.
    public init(
        householdID: String, head: String, place: Place, sanitation: SanitationSystem,
        wasteTreatment: [WasteTreatment], products: [Product], issued: CivilDate, expires: CivilDate,
        url: String? = nil, verifierAddress: String? = nil
    ) {
        self.householdID = householdID
        self.head = head
        self.place = place
        self.sanitation = sanitation
        self.wasteTreatment = wasteTreatment
        self.products = products
        self.issued = issued
        self.expires = expires
        self.url = url
        self.verifierAddress = verifierAddress
    }

    /// The commune code: the household ID's first five digits.
    public var communeCode: String { String(householdID.prefix(while: { $0 != "-" })) }

    /// Where a household lives.
    public struct Place: Sendable, Hashable {
        /// The village (thôn, ấp, bản) name.
        public var village: String
        /// The commune's name; filled from the 2025-07-01 list when the code is in it.
        public var communeName: String?
        /// The province's two-digit code.
        public var provinceCode: String
        /// The province's name; filled from the 2025-07-01 list when the code is in it.
        public var provinceName: String?

        /// Makes a place.
        public init(village: String, communeName: String? = nil, provinceCode: String, provinceName: String? = nil) {
            self.village = village
            self.communeName = communeName
            self.provinceCode = provinceCode
            self.provinceName = provinceName
        }
    }

    /// One thing the household produces.
    public struct Product: Sendable, Hashable {
        /// The product's name, for example `Gạo ST25`.
        public var name: String
        /// Crop, livestock, aquaculture, forestry or processed.
        public var category: ProductCategory
        /// The production standard.
        public var standard: ProductStandard
        /// The certificate number, where the standard has one.
        public var certificate: String?
        /// The season or harvest date, for example `2026-10` or `Vụ Đông Xuân 2026`.
        public var season: String
        /// A short note on how it is produced.
        public var process: String?

        /// Makes a product.
        public init(
            name: String, category: ProductCategory, standard: ProductStandard, certificate: String? = nil,
            season: String, process: String? = nil
        ) {
            self.name = name
            self.category = category
            self.standard = standard
            self.certificate = certificate
            self.season = season
            self.process = process
        }
    }
}
