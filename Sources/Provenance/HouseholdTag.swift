/// The tag numbers of household format version 1. See the "Household code format" article for the grammar.
///
/// Top-level primitives use 01–13 and 25, all in EMVCo's 02–25 primitive range or tag 01, so the EMVQR grammar reads
/// them as primitives; products are the unreserved templates 80–89. None of EMVCo's mandatory merchant fields
/// (52, 53, 58, 59, 60) appears, and tag 00 is not `01`: a payment app rejects the code instead of misreading it.
public enum HouseholdTag {
    /// 00: format indicator, `P1`.
    public static let formatIndicator = 0
    /// 01: household ID, `18223-0042`.
    public static let householdID = 1
    /// 02: head of household's name.
    public static let head = 2
    /// 03: village name.
    public static let village = 3
    /// 04: province code, two digits; only when the commune code is not in the 2025-07-01 list.
    public static let provinceCode = 4
    /// 05: commune name; only when the commune code is not in the 2025-07-01 list.
    public static let communeName = 5
    /// 06: province name; only when the commune code is not in the 2025-07-01 list.
    public static let provinceName = 6
    /// 07: sanitation code.
    public static let sanitation = 7
    /// 08: waste treatment codes, two letters each, concatenated.
    public static let waste = 8
    /// 09: issue date, `YYYYMMDD`.
    public static let issued = 9
    /// 10: expiry date, `YYYYMMDD`.
    public static let expires = 10
    /// 11: online details, an https URL.
    public static let url = 11
    /// 12: the signer's key ID.
    public static let keyID = 12
    /// 13: the issuer's verifier address, the base of the code's link form: `https://HOST/PATH`.
    public static let verifierAddress = 13
    /// 25: the Ed25519 signature, base64url; immediately before the CRC.
    public static let signature = 25
    /// 63: the CRC.
    public static let crc = 63
    /// 80–89: one product template each, in order.
    public static let products = 80...89

    /// Children of a product template.
    public enum Product {
        /// 01: name.
        public static let name = 1
        /// 02: category code.
        public static let category = 2
        /// 03: standard code.
        public static let standard = 3
        /// 04: certificate number.
        public static let certificate = 4
        /// 05: season or harvest date.
        public static let season = 5
        /// 06: production note.
        public static let process = 6
    }

    /// The format indicator this version writes: `P` for provenance, `1` for version 1.
    public static let formatV1 = "P1"
}
