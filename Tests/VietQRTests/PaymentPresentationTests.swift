import EMVQR
import Foundation
import Testing
import VietQR

/// A payment as `villageqr decode` shows it: its lines, its JSON object, and the names of its template's fields.
@Suite struct PaymentPresentationTests {
    static let keys: Set<String> = [
        "bin", "bank", "bankName", "account", "service", "amount", "currency", "purpose", "bill", "initiation",
    ]

    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func reportsATransfer() throws {
        var payment = VietQRPayment(bin: "970403", account: "0011012345678", amount: "180000")
        payment.additionalData.purpose = "thanh toan don hang"
        payment.additionalData.billNumber = "NPS6869"
        let bank = BankDirectory.bank(bin: "970403")
        let object = try Self.object(payment.json(bank: bank))
        #expect(Set(object.keys) == Self.keys)
        #expect(object["bin"] as? String == "970403")
        #expect(object["bank"] as? String == bank?.shortName)
        #expect(object["bankName"] as? String == bank?.name)
        #expect(object["amount"] as? String == "180000")
        #expect(object["bill"] as? String == "NPS6869")
        #expect(object["initiation"] as? String == "dynamic")
        let lines = payment.reportLines(bank: bank)
        #expect(lines.first == "VietQR payment")
        #expect(lines.contains { $0.contains("180.000 ₫") })
        #expect(lines.contains("  Purpose:  thanh toan don hang"))
        #expect(lines.contains("  Service:  QRIBFTTA (transfer to an account)"))
        #expect(lines.contains { $0.contains("dynamic") })
    }

    @Test func staticCodeWithoutAmount() throws {
        let payment = VietQRPayment(bin: "970999", account: "12345")
        let object = try Self.object(payment.json(bank: nil))
        #expect(object["amount"] is NSNull)
        #expect(object["bank"] is NSNull)
        #expect(object["initiation"] as? String == "static")
        let lines = payment.reportLines(bank: nil)
        #expect(lines.contains { $0.contains("unknown BIN 970999") })
        #expect(lines.contains("  Amount:   entered by the payer"))
    }

    @Test(arguments: [
        ("50000", "50.000 ₫"), ("1000000", "1.000.000 ₫"), ("999", "999 ₫"), ("1234.5", "1.234,5 ₫"),
    ])
    func formatsVND(_ amount: String, _ expected: String) {
        #expect(VietQRAmount.formattedVND(amount) == expected)
    }

    @Test(arguments: [
        ("38", "Merchant account (VietQR)"), ("38.00", "GUID"), ("38.01", "Beneficiary"), ("38.01.00", "Acquirer BIN"),
        ("38.01.01", "Account or card number"), ("38.02", "Service code"), ("62.08", "Purpose of transaction"),
        ("59", "Merchant name"), ("63", "CRC"),
    ])
    func fieldNames(_ path: String, _ name: String) throws {
        var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: "50000")
        payment.merchantName = "CHO LANG"
        payment.merchantCity = "HA NOI"
        payment.additionalData.purpose = "Mua rau"
        let emv = try VietQRPayload(parsing: try payment.build().text, mode: .lenient).emv
        let tagPath = try #require(TagPath(path))
        let field = try #require(emv[tagPath])
        #expect(VietQRPayload.name(of: field, in: emv) == name)
    }
}
