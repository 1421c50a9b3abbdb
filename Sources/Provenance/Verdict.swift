/// The one verdict verification gives a code.
///
/// Only ``verified`` means the commune vouches for the record today. A code that cannot be checked (``unsigned``,
/// ``unknownKey``, ``malformed``) never reads as forged; only ``badSignature`` and ``outOfScope`` do.
public enum Verdict: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Signed by a trusted key, intact, in date, not revoked.
    case verified
    /// Well-formed but carries no signature: it proves nothing.
    case unsigned
    /// Signed with a key the trust list does not hold, or outside the key's validity: it cannot be checked.
    case unknownKey
    /// The signature does not match the bytes: the code was tampered with or forged.
    case badSignature
    /// Signed by a trusted key for a household outside the key's scope: a commune vouching for another's household,
    /// which no key may do. It reads as forged.
    case outOfScope
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
        case (.outOfScope, .vietnamese): "NGOÀI PHẠM VI — KHÓA KHÔNG ĐƯỢC PHÉP XÁC NHẬN HỘ NÀY"
        case (.outOfScope, .english): "OUT OF SCOPE — THIS KEY MAY NOT VOUCH FOR THIS HOUSEHOLD"
        case (.expired, .vietnamese): "HẾT HẠN"
        case (.expired, .english): "EXPIRED"
        case (.revoked, .vietnamese): "ĐÃ THU HỒI"
        case (.revoked, .english): "REVOKED"
        case (.malformed, .vietnamese): "MÃ HỎNG HOẶC KHÔNG HỢP LỆ"
        case (.malformed, .english): "MALFORMED"
        }
    }
}
