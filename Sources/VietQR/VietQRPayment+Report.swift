// A payment as people and programs read it: the lines `villageqr decode` prints and its `payment` JSON object.
package import EMVQR

extension VietQRPayment {
    /// The payment as lines for people: bank, account, service, amount in VND, purpose, bill, merchant, and whether
    /// the code is static or dynamic.
    ///
    /// - Parameter bank: The bank the payment's BIN names, if the directory knows it.
    /// - Returns: A heading line, then one indented line per fact.
    public func reportLines(bank: Bank?) -> [String] {
        var lines = [
            "VietQR payment",
            "  Bank:     " + (bank.map { "\($0.shortName) (\(bin)), \($0.name)" } ?? "unknown BIN \(bin)"),
            "  Account:  \(account)",
            "  Service:  \(service) (\(service.summary))",
            "  Amount:   " + (amount.map(\.formatted) ?? "entered by the payer"),
        ]
        if let purpose = additionalData.purpose { lines.append("  Purpose:  \(purpose)") }
        if let bill = additionalData.billNumber { lines.append("  Bill:     \(bill)") }
        if let merchantName { lines.append("  Merchant: \(merchantName)" + (merchantCity.map { ", \($0)" } ?? "")) }
        lines.append(
            "  Code:     " + (resolvedInitiation == .static ? "static (reusable counter code)" : "dynamic (one order)"))
        return lines
    }

    /// The payment as one JSON object, with the keys `bin`, `bank`, `bankName`, `account`, `service`, `amount`,
    /// `currency`, `purpose`, `bill` and `initiation`; a value the payment lacks is `null`.
    ///
    /// - Parameter bank: The bank the payment's BIN names, if the directory knows it.
    /// - Returns: The object's JSON text, on one line.
    public func json(bank: Bank?) -> String { JSONWriter.encode(jsonValue(bank: bank)) }

    /// The object ``json(bank:)`` writes, for a JSON document that holds it.
    package func jsonValue(bank: Bank?) -> JSONWriter.Value {
        .object([
            ("bin", .string(bin)), ("bank", .string(orNull: bank?.shortName)),
            ("bankName", .string(orNull: bank?.name)),
            ("account", .string(account)), ("service", .string(service.rawValue)),
            ("amount", .string(orNull: amount?.text)), ("currency", .string(currency)),
            ("purpose", .string(orNull: additionalData.purpose)), ("bill", .string(orNull: additionalData.billNumber)),
            ("initiation", .string(resolvedInitiation == .static ? "static" : "dynamic")),
        ])
    }
}

extension VietQRService {
    /// What the service does, in a few words: `transfer to an account`; `not a NAPAS service` for a code NAPAS does
    /// not define.
    public var summary: String {
        switch self {
        case .accountTransfer: "transfer to an account"
        case .cardTransfer: "transfer to a card"
        case .merchantPayment: "merchant payment"
        case .cashWithdrawal: "ATM withdrawal"
        default: "not a NAPAS service"
        }
    }
}
