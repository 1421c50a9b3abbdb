/// An amount as VietQR carries it in tag 54 (and a fixed fee in 56): a value, not a bare string.
///
/// The dong has no minor unit (ISO 4217), so an amount is a whole number of dong. Building refuses anything else
/// (`invalidAmount`). Reading keeps an amount exactly as written, decimals and all, and warns of a fractional one
/// (`fractionalAmount`); it never rounds.
///
/// ```swift
/// var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: 50_000)
/// payment.amount?.dong        // 50000
/// payment.amount?.text        // "50000", as tag 54 writes it
/// payment.amount?.formatted   // "50.000 ₫"
/// VietQRAmount("1234.5").dong // nil: not a whole number of dong
/// ```
public struct VietQRAmount: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    /// The amount as tag 54 writes it: for a built payment, the digits of the dong; for a read one, exactly what
    /// the payload holds.
    public let text: String

    /// An amount of whole dong.
    ///
    /// - Parameter dong: The amount; building refuses one below 1 or of more than 13 digits.
    public init(dong: Int) {
        self.text = String(dong)
    }

    /// An amount exactly as written, for example `"50000"`; building checks that it is whole dong.
    ///
    /// - Parameter text: The digits, as tag 54 would hold them.
    public init(_ text: String) {
        self.text = text
    }

    /// An amount of whole dong: `amount: 50_000`.
    public init(integerLiteral dong: Int) {
        self.init(dong: dong)
    }

    /// An amount as written: `amount: "50000"`.
    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// The amount in dong, when it is a whole number of them (digits only, at most 13, from 1, without a leading
    /// zero); `nil` for a fractional or malformed amount.
    public var dong: Int? {
        let digits = Array(text.utf8)
        guard Self.isWholeDong(digits) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The amount written the Vietnamese way, for example "50.000 ₫"; see ``formattedVND(_:)``.
    public var formatted: String { Self.formattedVND(text) }

    public var description: String { text }

    /// Whether `digits` is an amount building accepts: 1 to 13 digits, from 1, without a leading zero (VND has no
    /// minor unit; NAPAS examples and vietqrjs's amount rule write whole numbers).
    static func isWholeDong<Bytes: Collection<UInt8>>(_ digits: Bytes) -> Bool {
        guard let first = digits.first, first != 0x30, digits.count <= VietQRLimits.amount else { return false }
        return digits.allSatisfy { $0 &- 0x30 < 10 }
    }

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
