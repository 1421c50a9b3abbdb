/// The one verdict verification gives a code.
///
/// Only ``verified`` means the commune vouches for the record today. A code that cannot be checked (``unsigned``,
/// ``unknownKey``, ``malformed``) never reads as forged; only ``badSignature`` does.
public enum Verdict: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Signed by a trusted key, intact, in date, not revoked.
    case verified
    /// Well-formed but carries no signature: it proves nothing.
    case unsigned
    /// Signed with a key the trust list does not hold, or outside the key's validity: it cannot be checked.
    case unknownKey
    /// The signature does not match the bytes: the code was tampered with or forged.
    case badSignature
    /// Genuine, but past its expiry date.
    case expired
    /// Genuine, but the commune has withdrawn it or its key.
    case revoked
    /// Damaged or not a household code: the CRC, the grammar or a field is wrong.
    case malformed

    public var description: String { rawValue }

    /// The verdict's label in `language`.
    public func label(_ language: DisplayLanguage) -> String {
        switch (self, language) {
        case (.verified, .vietnamese): "ĐÃ XÁC THỰC"
        case (.verified, .english): "VERIFIED"
        case (.unsigned, .vietnamese): "KHÔNG CÓ CHỮ KÝ"
        case (.unsigned, .english): "UNSIGNED"
        case (.unknownKey, .vietnamese): "KHÓA KHÔNG RÕ — KHÔNG KIỂM TRA ĐƯỢC"
        case (.unknownKey, .english): "UNKNOWN KEY — CANNOT BE CHECKED"
        case (.badSignature, .vietnamese): "CHỮ KÝ SAI — MÃ ĐÃ BỊ SỬA ĐỔI"
        case (.badSignature, .english): "BAD SIGNATURE — TAMPERED"
        case (.expired, .vietnamese): "HẾT HẠN"
        case (.expired, .english): "EXPIRED"
        case (.revoked, .vietnamese): "ĐÃ THU HỒI"
        case (.revoked, .english): "REVOKED"
        case (.malformed, .vietnamese): "MÃ HỎNG HOẶC KHÔNG HỢP LỆ"
        case (.malformed, .english): "MALFORMED"
        }
    }
}

/// What verifying one code found: the verdict, why, and what could be read.
public struct HouseholdVerification: Sendable {
    /// The verdict.
    public var verdict: Verdict
    /// Why, as a stable code: for example `signatureMismatch`, `expiredOn`, `crcMismatch`.
    public var reason: String
    /// The reason in a sentence.
    public var message: String
    /// The signer's key ID, when the code names one.
    public var keyID: String?
    /// The record, when it could be decoded. Only a ``Verdict/verified`` record is vouched for.
    public var record: HouseholdRecord?
    /// The trust list entry of the signer, when known.
    public var signer: TrustList.Entry?
    /// Notes that do not change the verdict, for example a pre-2025 commune code.
    public var notes: [String]
    /// The error behind a ``Verdict/malformed`` verdict, with its position.
    public var error: ProvenanceError?

    /// Whether the verdict is ``Verdict/verified``.
    public var isVerified: Bool { verdict == .verified }
}
