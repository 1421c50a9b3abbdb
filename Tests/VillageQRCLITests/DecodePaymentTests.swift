import Foundation
import Testing
import VietQR

@Suite("villageqr decode, VietQR view")
struct DecodePaymentTests {
    static func payload(_ payment: VietQRPayment) throws -> String { try payment.build().text }

    @Test("People see bank, account, amount in VND, purpose and static or dynamic")
    func human() throws {
        var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: "50000")
        payment.additionalData.purpose = "Mua rau"
        let result = try ToolRunner.run(["decode", try Self.payload(payment)])
        #expect(result.status == 0)
        let bank = try #require(BankDirectory.bank(bin: "970436"))
        #expect(result.stdout.contains(bank.shortName))
        #expect(result.stdout.contains("0011001234567"))
        #expect(result.stdout.contains(VietQRAmount.formattedVND("50000")))
        #expect(result.stdout.contains("Mua rau"))
        #expect(result.stdout.contains("dynamic"))
        #expect(result.stdout.contains("warning merchantCategoryAbsent"))
    }

    @Test("--json gains a payment object and VietQR warnings join the others")
    func json() throws {
        var payment = VietQRPayment(bin: "970403", account: "0011012345678", amount: "180000")
        payment.additionalData.billNumber = "NPS6869"
        let result = try ToolRunner.run(["decode", "--json", try Self.payload(payment)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let typed = try #require(object["payment"] as? [String: Any])
        #expect(
            Set(typed.keys) == [
                "bin", "bank", "bankName", "account", "service", "amount", "currency", "purpose", "bill",
                "initiation",
            ])
        #expect(typed["amount"] as? String == "180000")
        #expect(typed["bill"] as? String == "NPS6869")
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(
            warnings.contains { $0["code"] as? String == "merchantCategoryAbsent" && $0["path"] as? String == "52" })
    }

    @Test("A VietQR payload that breaks a rule is invalid, with the rule's code and path")
    func profileError() throws {
        // Well-formed EMVCo, but tag 38 has no service code (38.02).
        let text = String(decoding: try RawPayload.vietQR(bin: "970436", service: nil), as: UTF8.self)
        let result = try ToolRunner.run(["decode", "--json", text])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let error = try #require((object["errors"] as? [[String: Any]])?.first)
        #expect(error["code"] as? String == "missingField")
        #expect(error["path"] as? String == "38.02")
        #expect(object["payment"] is NSNull)
    }

    @Test("Strict decoding turns VietQR warnings into errors")
    func strict() throws {
        let text = try Self.payload(.init(bin: "970436", account: "1"))
        let result = try ToolRunner.run(["decode", "--strict", "--json", text])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"merchantCategoryAbsent\""))
    }
}
