import EMVQR
import Testing
import VietQR

/// Reading and building apply one statement of each rule: a value building refuses, strict reading of a payload
/// that carries it refuses (or lenient reading warns of it) with the same code at the same path.
@Suite("One rule set for reading and building")
struct OneRuleSetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let path: TagPath
        let value: String
        let apply: @Sendable (inout VietQRPayment) -> Void
        var testDescription: String { "\(path) = \"\(value)\"" }

        init(_ path: TagPath, _ value: String, _ apply: @escaping @Sendable (inout VietQRPayment, String) -> Void) {
            self.path = path
            self.value = value
            self.apply = { apply(&$0, value) }
        }
    }

    static let cases: [Case] = [
        Case("38.01.00", "97043", { $0.bin = $1 }),
        Case("38.01.00", "97043a", { $0.bin = $1 }),
        Case("38.01.01", "0011-001", { $0.account = $1 }),
        Case("38.01.01", String(repeating: "1", count: 20), { $0.account = $1 }),
        Case("52", "541", { $0.merchantCategoryCode = $1 }),
        Case("52", "54a1", { $0.merchantCategoryCode = $1 }),
        Case("53", "840", { $0.currency = $1 }),
        Case("58", "US", { $0.country = $1 }),
        Case("59", String(repeating: "N", count: 26), { $0.merchantName = $1 }),
        Case("60", String(repeating: "C", count: 16), { $0.merchantCity = $1 }),
        Case("61", "12345678901", { $0.postalCode = $1 }),
        Case("62.08", String(repeating: "p", count: 26), { $0.additionalData.purpose = $1 }),
        Case("62.09", "AMEA", { $0.additionalData.consumerDataRequest = $1 }),
        // 62.09's letters: each of A, M and E at most once.
        Case("62.09", "AA", { $0.additionalData.consumerDataRequest = $1 }),
        Case("62.09", "AX", { $0.additionalData.consumerDataRequest = $1 }),
        Case("62.09", "m", { $0.additionalData.consumerDataRequest = $1 }),
    ]

    @Test(arguments: cases)
    func buildingAndReadingRefuseTheSameValues(_ c: Case) throws {
        var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: 50_000)
        payment.merchantCategoryCode = "5411"
        c.apply(&payment)
        let building = #expect(throws: VietQRError.self) { try payment.build() }
        let payload = TestPayload.base.setting(c.path, c.value).text
        let reading: VietQRError?
        do {
            _ = try VietQRPayload(parsing: payload, mode: .strict)
            reading = nil
        } catch {
            reading = error
        }
        #expect(building?.code == reading?.code)
        #expect(building?.path == c.path)
        #expect(reading?.path == c.path)
    }

    @Test func percentageFeesAreOneRule() throws {
        var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: 50_000)
        payment.tip = .percentageFee("12.345")
        let building = #expect(throws: VietQRError.self) { try payment.build() }
        let payload = TestPayload.base.setting("55", "03").setting("57", "12.345").text
        let reading = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: payload) }
        #expect(building?.code == .vietqr(.invalidTip))
        #expect(reading?.code == building?.code)
        #expect(reading?.path == building?.path)
        payment.tip = .percentageFee("3.5")
        #expect(try payment.build().text.contains("5703" + "3.5"))
    }

    @Test func aLanguageIsOneRule() throws {
        var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: 50_000)
        payment.alternateLanguage = .init(language: "VI", name: "Quán")
        let building = #expect(throws: VietQRError.self) { try payment.build() }
        let payload = TestPayload.base.setting("64", .template(64, [.primitive(0, "VI"), .primitive(1, "Quán")])).text
        let reading = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: payload) }
        #expect(building?.code == .vietqr(.invalidLanguage))
        #expect(reading?.code == building?.code)
        #expect(reading?.path == building?.path)
    }

    @Test("A decimal amount: building refuses it, reading keeps it exactly as written with a warning")
    func decimalAmounts() throws {
        let payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: "1234.5")
        let building = #expect(throws: VietQRError.self) { try payment.build() }
        #expect(building?.code == .vietqr(.invalidAmount))
        #expect(building?.path == "54")
        let read = try VietQRPayload(parsing: TestPayload.base.setting("54", "1234.5").text)
        #expect(read.amount?.text == "1234.5")
        #expect(read.amount?.dong == nil)
        #expect(read.warnings.map(\.code) == [.vietqr(.fractionalAmount)])
    }
}
