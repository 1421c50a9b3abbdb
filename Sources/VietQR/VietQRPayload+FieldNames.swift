// The names of the fields of VietQR's template (tag 38), for people reading a decoded payload.
public import EMVQR

extension VietQRPayload {
    /// The name of `field`, one of `payload`'s fields: VietQR's own for the fields of its template (38.01
    /// `Beneficiary`, 38.01.00 `Acquirer BIN`), EMVCo's (`EMVPayload.name(of:)`) for the rest.
    ///
    /// - Parameters:
    ///   - field: A field of `payload`, at any depth.
    ///   - payload: The payload, as parsed.
    /// - Returns: The field's name, in English.
    public static func name(of field: EMVField, in payload: EMVPayload) -> String {
        let path = field.path
        guard path.count >= 2, payload.schemes.contains(where: { $0.tag == path[0] && $0.scheme == .vietQR }) else {
            return payload.name(of: field)
        }
        if path.count == 2 { return templateFieldNames[field.tag] ?? "Scheme data" }
        if path[1] == 1 { return beneficiaryFieldNames[field.tag] ?? "Scheme data" }
        return payload.name(of: field)
    }

    static let templateFieldNames: [Int: String] = [0: "GUID", 1: "Beneficiary", 2: "Service code"]
    static let beneficiaryFieldNames: [Int: String] = [0: "Acquirer BIN", 1: "Account or card number"]
}
