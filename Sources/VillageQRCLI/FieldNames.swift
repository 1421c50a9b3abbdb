import EMVQR

/// Names of EMVCo MPM fields, for people reading a decoded payload.
enum FieldNames {
    static let topLevel: [Int: String] = [
        0: "Payload format indicator", 1: "Point of initiation method", 52: "Merchant category code",
        53: "Transaction currency", 54: "Transaction amount", 55: "Tip or convenience indicator",
        56: "Convenience fee (fixed)", 57: "Convenience fee (percentage)", 58: "Country code", 59: "Merchant name",
        60: "Merchant city", 61: "Postal code", 62: "Additional data", 63: "CRC",
        64: "Merchant information, alternate language",
    ]
    static let additionalData: [Int: String] = [
        1: "Bill number", 2: "Mobile number", 3: "Store label", 4: "Loyalty number", 5: "Reference label",
        6: "Customer label", 7: "Terminal label", 8: "Purpose of transaction", 9: "Additional consumer data request",
    ]
    static let alternateLanguage: [Int: String] = [0: "Language preference", 1: "Merchant name", 2: "Merchant city"]
    static let vietQR: [Int: String] = [0: "GUID", 1: "Beneficiary", 2: "Service code"]
    static let vietQRBeneficiary: [Int: String] = [0: "Acquirer BIN", 1: "Account or card number"]

    /// The name of `field` in `payload`.
    static func name(of field: EMVField, in payload: EMVPayload) -> String {
        let path = field.path
        let tag = field.tag
        switch path.count {
        case 1:
            if let name = topLevel[tag] { return name }
            switch tag {
            case 2...25: return "Card network merchant account"
            case 26...51:
                let scheme = payload.schemes.first { $0.tag == tag }?.scheme.name
                return "Merchant account" + (scheme.map { " (\($0))" } ?? "")
            case 65...79: return "Reserved"
            default: return "Unreserved template"
            }
        case 2:
            switch path[0] {
            case 62: return additionalData[tag] ?? (tag >= 50 ? "Payment system template" : "Reserved")
            case 64: return alternateLanguage[tag] ?? "Reserved"
            default:
                if tag == 0 { return "GUID" }
                let isVietQR = payload.schemes.contains { $0.tag == path[0] && $0.scheme == .vietQR }
                return isVietQR ? (vietQR[tag] ?? "Scheme data") : "Scheme data"
            }
        default:
            let isVietQR = payload.schemes.contains { $0.tag == path[0] && $0.scheme == .vietQR }
            if isVietQR && path[1] == 1 { return vietQRBeneficiary[tag] ?? "Scheme data" }
            return "Template data"
        }
    }
}
