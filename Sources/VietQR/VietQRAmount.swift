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
        guard Self.form(text) == .whole else { return nil }
        return text.utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The amount written the Vietnamese way, for example "50.000 ₫"; see ``formattedVND(_:)``.
    public var formatted: String { Self.formattedVND(text) }

    public var description: String { text }

    /// The form of `text` as an amount of at most `limit` characters, by the rule reading applies to tag 54 in a
    /// payload's bytes: whole dong is what building accepts (VND has no minor unit; NAPAS examples and vietqrjs's
    /// amount rule write whole numbers).
    static func form(_ text: String, limit: Int = VietQRLimits.amount) -> PayloadBytes.AmountForm {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count <= Int(UInt16.max) else { return .malformed }
            return PayloadBytes(buffer: utf8).amountForm(FieldIndex.Span(0..<utf8.count), limit: limit)
        }
    }

    /// An amount written the Vietnamese way: "50000" gives "50.000 ₫", "1234.5" gives "1.234,5 ₫".
    ///
    /// - Parameter amount: An amount as tag 54 holds it.
    /// - Returns: Thousands separated by ".", decimals after ",", then the dong sign; the amount unchanged, with
    ///   the sign, when it is not a well-formed amount.
    public static func formattedVND(_ amount: String) -> String {
        guard form(amount, limit: Int.max) != .malformed else { return "\(amount) ₫" }
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
