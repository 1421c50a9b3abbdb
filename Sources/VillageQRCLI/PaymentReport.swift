public import EMVQR
import VietQR

/// The typed VietQR view of a decoded payload, as `villageqr decode` shows it.
///
/// `decode` prints ``lines`` under its field listing, puts ``json`` in its JSON output as `"payment"`, and adds
/// ``errors`` and ``warnings`` to its own.
public struct PaymentReport: Sendable {
    /// Lines for people: bank, account, amount in VND, purpose, static or dynamic.
    public let lines: [String]
    /// The `payment` object as JSON text, with the keys `bin`, `bank`, `bankName`, `account`, `service`, `amount`,
    /// `currency`, `purpose`, `bill` and `initiation`; `nil` when the payload breaks a VietQR rule.
    public let json: String?
    /// Why the payload is not a valid VietQR payment, as JSON objects with `code`, `offset`, `path` and `message`.
    public let errors: [String]
    /// VietQR's warnings, as JSON objects like ``errors``; the payload's EMVCo warnings are not repeated.
    public let warnings: [String]

    /// The report for `payload`, or `nil` when it carries no VietQR template (tag 38 with NAPAS's GUID).
    ///
    /// - Parameter payload: A payload that parsed.
    public init?(payload: EMVPayload) {
        guard payload.schemes.contains(where: { $0.scheme == .vietQR }) else { return nil }
        let code: VietQRPayload
        do throws(VietQRError) {
            code = try VietQRPayload(payload)
        } catch {
            lines = ["VietQR: not a valid payment: \(error.message) (\(error.code) at \(error.path))"]
            json = nil
            errors = [Self.json(code: error.code, offset: error.offset, path: error.path, message: error.message)]
            warnings = []
            return
        }
        let payment = code.payment
        let bank = code.bank
        let emvCodes = Set(payload.warnings.map(\.code.rawValue))
        var lines = [
            "VietQR payment",
            "  Bank:     "
                + (bank.map { "\($0.shortName) (\(payment.bin)), \($0.name)" } ?? "unknown BIN \(payment.bin)"),
            "  Account:  \(payment.account)",
            "  Service:  \(payment.service) (\(Self.describe(payment.service)))",
            "  Amount:   " + (payment.amount.map(VietQRAmount.formattedVND) ?? "entered by the payer"),
        ]
        if let purpose = payment.additionalData.purpose { lines.append("  Purpose:  \(purpose)") }
        if let bill = payment.additionalData.billNumber { lines.append("  Bill:     \(bill)") }
        if let name = payment.merchantName {
            lines.append("  Merchant: \(name)" + (payment.merchantCity.map { ", \($0)" } ?? ""))
        }
        lines.append(
            "  Code:     " + (payment.initiation == .static ? "static (reusable counter code)" : "dynamic (one order)"))
        self.lines = lines
        self.json = Self.json(payment, bank: bank)
        self.errors = []
        self.warnings = code.warnings.filter { !emvCodes.contains($0.code.rawValue) }.map {
            Self.json(code: $0.code, offset: $0.offset, path: $0.path, message: $0.message)
        }
    }

    static func describe(_ service: VietQRService) -> String {
        switch service {
        case .accountTransfer: return "transfer to an account"
        case .cardTransfer: return "transfer to a card"
        case .merchantPayment: return "merchant payment"
        case .cashWithdrawal: return "ATM withdrawal"
        default: return "not a NAPAS service"
        }
    }

    static func json(_ payment: VietQRPayment, bank: Bank?) -> String {
        let s = PaymentJSON.string
        return PaymentJSON.object([
            ("bin", s(payment.bin)), ("bank", s(bank?.shortName)), ("bankName", s(bank?.name)),
            ("account", s(payment.account)), ("service", s(payment.service.rawValue)), ("amount", s(payment.amount)),
            ("currency", s(payment.currency)), ("purpose", s(payment.additionalData.purpose)),
            ("bill", s(payment.additionalData.billNumber)),
            ("initiation", s(payment.initiation == .static ? "static" : "dynamic")),
        ])
    }

    static func json(code: VietQRError.Code, offset: Int, path: TagPath, message: String) -> String {
        PaymentJSON.object([
            ("code", PaymentJSON.string(code.rawValue)), ("offset", String(offset)),
            ("path", PaymentJSON.string(path.description)), ("message", PaymentJSON.string(message)),
        ])
    }
}
