import EMVQR
import Foundation
import Testing
import VietQR
import VillageQRCLI

@Suite struct PaymentReportTests {
    static let keys: Set<String> = [
        "bin", "bank", "bankName", "account", "service", "amount", "currency", "purpose", "bill", "initiation",
    ]

    func report(_ payment: VietQRPayment) throws -> PaymentReport {
        let emv = try EMVPayload(parsing: try payment.build().payload)
        return try #require(PaymentReport(payload: emv))
    }

    @Test func reportsATransfer() throws {
        var payment = VietQRPayment(bin: "970403", account: "0011012345678", amount: "180000")
        payment.additionalData.purpose = "thanh toan don hang"
        payment.additionalData.billNumber = "NPS6869"
        let report = try report(payment)
        let json = try #require(report.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Self.keys)
        #expect(object["bin"] as? String == "970403")
        #expect(object["bank"] as? String == BankDirectory.bank(bin: "970403")?.shortName)
        #expect(object["bankName"] as? String == BankDirectory.bank(bin: "970403")?.name)
        #expect(object["amount"] as? String == "180000")
        #expect(object["bill"] as? String == "NPS6869")
        #expect(object["initiation"] as? String == "dynamic")
        #expect(report.lines.contains { $0.contains("180.000 ₫") })
        #expect(report.lines.contains { $0.contains("dynamic") })
        #expect(report.warnings.count == 1)
        #expect(report.errors.isEmpty)
    }

    @Test func staticCodeWithoutAmount() throws {
        let report = try report(VietQRPayment(bin: "970999", account: "12345"))
        let json = try #require(report.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["amount"] is NSNull)
        #expect(object["bank"] is NSNull)
        #expect(object["initiation"] as? String == "static")
        #expect(report.lines.contains { $0.contains("unknown BIN 970999") })
        #expect(report.warnings.contains { $0.contains("\"unknownBank\"") })
    }

    @Test func brokenVietQRIsAnError() throws {
        // A BIN of five digits, which the builder would refuse.
        let bytes = try RawPayload.vietQR(bin: "97043", service: "QRIBFTTA")
        let report = try #require(PaymentReport(payload: try EMVPayload(parsing: bytes)))
        #expect(report.json == nil)
        #expect(report.errors.count == 1)
        #expect(report.errors[0].contains("\"invalidBIN\""))
        #expect(report.errors[0].contains("\"38.01.00\""))
    }

    @Test func otherSchemesHaveNoPaymentReport() throws {
        #expect(PaymentReport(payload: try EMVPayload(parsing: try RawPayload.pix())) == nil)
    }

    @Test(arguments: [
        ("50000", "50.000 ₫"), ("1000000", "1.000.000 ₫"), ("999", "999 ₫"), ("1234.5", "1.234,5 ₫"),
    ])
    func formatsVND(_ amount: String, _ expected: String) {
        #expect(VietQRAmount.formattedVND(amount) == expected)
    }
}
