/// Amounts as VietQR writes them (EMVCo QRCPS-MPM 4.7.3: digits with an optional "." and decimals).
public enum VietQRAmount {
    package static func isWellFormed<Bytes: Collection>(_ value: Bytes, limit: Int) -> Bool
    where Bytes.Element == UInt8 {
        guard let first = value.first, first &- 0x30 < 10, value.count <= limit else { return false }
        var dots = 0
        for byte in value {
            if byte == 0x2E {
                dots += 1
            } else if byte &- 0x30 >= 10 {
                return false
            }
        }
        return dots <= 1
    }

    /// An amount written the Vietnamese way: "50000" gives "50.000 ₫", "1234.5" gives "1.234,5 ₫".
    ///
    /// - Parameter amount: An amount as tag 54 holds it.
    /// - Returns: Thousands separated by ".", decimals after ",", then the dong sign; the amount unchanged, with
    ///   the sign, when it is not a well-formed amount.
    public static func formattedVND(_ amount: String) -> String {
        guard isWellFormed(Array(amount.utf8), limit: Int.max) else { return "\(amount) ₫" }
        let parts = amount.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0].drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        if parts.count == 2 && !parts[1].isEmpty { grouped += "," + parts[1] }
        return grouped + " ₫"
    }
}
