// The names EMVCo's Merchant-Presented Mode specification gives its fields, for people reading a decoded payload.

extension EMVPayload {
    /// The name EMVCo gives `field`, one of this payload's fields: `Merchant name` for tag 59, `Bill number` for
    /// 62.01.
    ///
    /// A merchant account template is named with the scheme its GUID identifies, `Merchant account (VietQR)`. Inside
    /// a scheme's template EMVCo names only the GUID (tag 00); the rest is `Scheme data`, and deeper `Template data`.
    /// A scheme's module names its own fields: VietQR's `VietQRPayload.name(of:in:)`.
    ///
    /// - Parameter field: A field of this payload, at any depth.
    /// - Returns: The field's name, in English.
    public func name(of field: EMVField) -> String {
        let path = field.path
        let tag = field.tag
        switch path.count {
        case 1:
            if let name = Self.topLevelNames[tag] { return name }
            switch tag {
            case 2...25: return "Card network merchant account"
            case 26...51:
                let scheme = schemes.first { $0.tag == tag }?.scheme.name
                return "Merchant account" + (scheme.map { " (\($0))" } ?? "")
            case 65...79: return "Reserved"
            default: return "Unreserved template"
            }
        case 2:
            switch path[0] {
            case 62: return Self.additionalDataNames[tag] ?? (tag >= 50 ? "Payment system template" : "Reserved")
            case 64: return Self.alternateLanguageNames[tag] ?? "Reserved"
            default: return tag == 0 ? "GUID" : "Scheme data"
            }
        default:
            return "Template data"
        }
    }

    static let topLevelNames: [Int: String] = [
        0: "Payload format indicator", 1: "Point of initiation method", 52: "Merchant category code",
        53: "Transaction currency", 54: "Transaction amount", 55: "Tip or convenience indicator",
        56: "Convenience fee (fixed)", 57: "Convenience fee (percentage)", 58: "Country code", 59: "Merchant name",
        60: "Merchant city", 61: "Postal code", 62: "Additional data", 63: "CRC",
        64: "Merchant information, alternate language",
    ]
    static let additionalDataNames: [Int: String] = [
        1: "Bill number", 2: "Mobile number", 3: "Store label", 4: "Loyalty number", 5: "Reference label",
        6: "Customer label", 7: "Terminal label", 8: "Purpose of transaction", 9: "Additional consumer data request",
    ]
    static let alternateLanguageNames: [Int: String] = [
        0: "Language preference", 1: "Merchant name", 2: "Merchant city",
    ]
}
