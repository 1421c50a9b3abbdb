import EMVQR
import Testing
import VietQR
import VillageQRCLI

@Suite struct PaymentReportTests {
    func report(_ payment: VietQRPayment) throws -> PaymentReport {
        let emv = try EMVPayload(parsing: try payment.build().payload)
        return try #require(PaymentReport(payload: emv))
    }

    // What the payment's lines and JSON hold is VietQR's (PaymentPresentationTests); decode adds the diagnostics.
    @Test func reportsATransfer() throws {
        var payment = VietQRPayment(bin: "970403", account: "0011012345678", amount: "180000")
        payment.additionalData.purpose = "thanh toan don hang"
        payment.additionalData.billNumber = "NPS6869"
        let report = try report(payment)
        let bank = BankDirectory.bank(bin: "970403")
        #expect(report.json == payment.json(bank: bank))
        #expect(report.lines == payment.reportLines(bank: bank))
        #expect(report.warnings.count == 1)
        #expect(report.errors.isEmpty)
    }

    @Test func staticCodeWithoutAmount() throws {
        let payment = VietQRPayment(bin: "970999", account: "12345")
        let report = try report(payment)
        #expect(report.json == payment.json(bank: nil))
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
}
