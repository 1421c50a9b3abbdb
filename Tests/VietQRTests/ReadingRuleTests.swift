import EMVQR
import Testing
import VietQR

/// Each reading rule, on a payload that breaks only that rule.
@Suite struct ReadingRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let payload: TestPayload
        let code: VietQRError.Code
        let path: TagPath
        let testDescription: String

        init(_ description: String, _ payload: TestPayload, _ code: VietQRError.Code, _ path: TagPath) {
            self.testDescription = description
            self.payload = payload
            self.code = code
            self.path = path
        }
    }

    static let base = TestPayload.base

    static let errors: [Case] = [
        Case("no 38", base.removing("38"), .missingField, "38"),
        Case("no GUID", base.removing("38.00"), .missingField, "38.00"),
        Case("VNPay's GUID in 38", base.setting("38.00", "A000000775"), .wrongGUID, "38.00"),
        Case("no beneficiary", base.removing("38.01"), .missingField, "38.01"),
        Case("no BIN", base.removing("38.01.00"), .missingField, "38.01.00"),
        Case("5-digit BIN", base.setting("38.01.00", "97043"), .invalidBIN, "38.01.00"),
        Case("BIN with a letter", base.setting("38.01.00", "97043A"), .invalidBIN, "38.01.00"),
        Case("no account", base.removing("38.01.01"), .missingField, "38.01.01"),
        Case(
            "20-character account", base.setting("38.01.01", String(repeating: "1", count: 20)),
            .invalidAccount, "38.01.01"),
        Case("account with a dash", base.setting("38.01.01", "0011-22"), .invalidAccount, "38.01.01"),
        // Values are tested eight bytes at a time: faults past the first eight, and bytes from 0x80 up.
        Case("account with a dash at 10", base.setting("38.01.01", "001100123-45"), .invalidAccount, "38.01.01"),
        Case("account with an accent at 9", base.setting("38.01.01", "00110012é"), .invalidAccount, "38.01.01"),
        Case("no service", base.removing("38.02"), .missingField, "38.02"),
        Case("11-character service", base.setting("38.02", "QRADVERTISE"), .invalidService, "38.02"),
        Case("no initiation", base.removing("01"), .missingField, "01"),
        Case("initiation 13", base.setting("01", "13"), .invalidInitiation, "01"),
        Case("MCC with a letter", base.setting("52", "54A1"), .invalidMerchantCategory, "52"),
        Case("no currency", base.removing("53"), .missingField, "53"),
        Case("US dollars", base.setting("53", "840"), .invalidCurrency, "53"),
        Case("no country", base.removing("58"), .missingField, "58"),
        Case("Thailand", base.setting("58", "TH"), .invalidCountry, "58"),
        Case("amount with a comma", base.setting("54", "50,000"), .invalidAmount, "54"),
        Case("amount with two dots", base.setting("54", "1.2.3"), .invalidAmount, "54"),
        Case("amount with dots 8 apart", base.setting("54", "1.234567.9"), .invalidAmount, "54"),
        Case("amount with a letter at 10", base.setting("54", "123456789x"), .invalidAmount, "54"),
        Case("amount starting with a dot", base.setting("54", ".5"), .invalidAmount, "54"),
        Case("14-digit amount", base.setting("54", "12345678901234"), .invalidAmount, "54"),
        Case("negative amount", base.setting("54", "-5"), .invalidAmount, "54"),
        Case("tip indicator 04", base.setting("55", "04"), .invalidTip, "55"),
        Case("fixed fee missing", base.setting("55", "02"), .missingField, "56"),
        Case("fixed fee not a number", base.setting("55", "02").setting("56", "abc"), .invalidAmount, "56"),
        Case("percentage missing", base.setting("55", "03"), .missingField, "57"),
        Case("percentage too long", base.setting("55", "03").setting("57", "12.345"), .invalidTip, "57"),
        Case(
            "language template without language", base.setting("64", .template(64, [.primitive(1, "Chợ")])),
            .missingField, "64.00"),
        Case(
            "language in capitals", base.setting("64", .template(64, [.primitive(0, "VI"), .primitive(1, "Chợ")])),
            .invalidLanguage, "64.00"),
        Case(
            "language template without name", base.setting("64", .template(64, [.primitive(0, "vi")])),
            .missingField, "64.01"),
    ]

    @Test(arguments: errors)
    func rejects(_ c: Case) throws {
        let emv = try EMVPayload(parsing: c.payload.text)
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(emv) }
        #expect(error?.code == .vietqr(c.code))
        #expect(error?.path == c.path)
        #expect(error?.offset == emv.reportedOffset(of: c.path))
    }

    static let withoutMCC = base.removing("52")

    static let warnings: [Case] = [
        Case("no MCC", withoutMCC, .merchantCategoryAbsent, "52"),
        Case("static with amount", base.setting("01", "11"), .staticWithAmount, "54"),
        Case("dynamic without amount", base.removing("54"), .dynamicWithoutAmount, "01"),
        Case("zero amount", base.setting("54", "000"), .zeroAmount, "54"),
        Case(
            "VNPay template beside",
            base.setting("26", .template(26, [.primitive(0, "A000000775"), .primitive(1, "M1")])), .otherScheme, "26"),
        Case("unknown BIN", base.setting("38.01.00", "970999"), .unknownBank, "38.01.00"),
        Case("unknown service", base.setting("38.02", "QRXYZ"), .unknownService, "38.02"),
        Case("26-character name", base.setting("59", String(repeating: "N", count: 26)), .fieldTooLong, "59"),
        Case("16-character city", base.setting("60", String(repeating: "C", count: 16)), .fieldTooLong, "60"),
        Case("11-character postal code", base.setting("61", "12345678901"), .fieldTooLong, "61"),
        Case("26-character purpose", base.setting("62.08", String(repeating: "p", count: 26)), .fieldTooLong, "62.08"),
        Case("accented name", base.setting("59", "Chợ Làng"), .invalidCharacters, "59"),
        Case("accented purpose", base.setting("62.08", "Mua rau cải"), .invalidCharacters, "62.08"),
        Case("consumer request twice A", base.setting("62.09", "AA"), .invalidCharacters, "62.09"),
        Case("consumer request X", base.setting("62.09", "MX"), .invalidCharacters, "62.09"),
        Case(
            "26-character alternate name",
            base.setting("64", .template(64, [.primitive(0, "vi"), .primitive(1, String(repeating: "ơ", count: 26))])),
            .fieldTooLong, "64.01"),
    ]

    @Test(arguments: warnings)
    func warnsLenientlyAndThrowsStrictly(_ c: Case) throws {
        let emv = try EMVPayload(parsing: c.payload.text)
        let code = try VietQRPayload(emv)
        let found = code.warnings.filter { $0.code == .vietqr(c.code) }
        #expect(found.map(\.path) == [c.path])
        #expect(found.first?.offset == emv.reportedOffset(of: c.path))
        // Strict reading throws the first warning; the base has none but the one under test (or 52's absence).
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(emv, mode: .strict) }
        #expect(error == code.warnings.first?.asError)
    }

    @Test(arguments: ["A", "M", "E", "AME", "EM"])
    func readsConsumerDataRequestsStrictly(_ request: String) throws {
        let code = try VietQRPayload(parsing: Self.base.setting("62.09", request).text, mode: .strict)
        #expect(code.payment.additionalData.consumerDataRequest == request)
    }

    @Test func theBaseIsClean() throws {
        let code = try VietQRPayload(parsing: Self.base.text, mode: .strict)
        #expect(code.warnings.isEmpty)
        #expect(code.bank?.shortName == "Vietcombank")
        #expect(code.payment.merchantName == "CHO LANG")
        #expect(code.payment.additionalData.billNumber == "HD001")
    }

    @Test(arguments: ["1000000000000", "50000", "1"])
    func acceptsWholeAmounts(_ amount: String) throws {
        let code = try VietQRPayload(parsing: Self.base.setting("54", amount).text, mode: .strict)
        #expect(code.amount?.text == amount)
        #expect(code.amount?.dong == Int(amount))
    }

    @Test(arguments: ["12345678.5", "1234567.50", "0.5", "050000"])
    func readsFractionalAmountsAsWrittenWithAWarning(_ amount: String) throws {
        let text = Self.base.setting("54", amount).text
        let code = try VietQRPayload(parsing: text)
        // Exactly as written, never rounded.
        #expect(code.amount?.text == amount)
        #expect(code.amount?.dong == nil)
        #expect(code.payment.amount?.text == amount)
        #expect(code.warnings.map(\.code) == [.vietqr(.fractionalAmount)])
        #expect(code.warnings.first?.path == TagPath(54))
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text, mode: .strict) }
        #expect(error?.code == .vietqr(.fractionalAmount))
    }

    @Test func cashWithdrawalMayBeDynamicWithoutAmount() throws {
        let cash = Self.base.removing("54").setting("38.02", "QRCASH")
            .setting("62.05", "REF1").setting("62.07", "ATM1")
        let code = try VietQRPayload(parsing: cash.text)
        #expect(code.warnings.isEmpty)
    }

    @Test func emvWarningsComeThrough() throws {
        // A lowercase CRC is an EMVQR warning. Take the first bill number whose CRC has a hex letter.
        let text = try #require(
            (0..<100).lazy.map { Self.base.setting("62.01", "HD\($0)").text }
                .first { $0.suffix(4).contains { $0.isLetter } })
        let lowered = String(text.dropLast(4)) + text.suffix(4).lowercased()
        let code = try VietQRPayload(parsing: lowered)
        #expect(code.warnings.map(\.code.rawValue) == ["lowercaseCRC"])
        #expect(code.warnings.first?.path == "63")
        // The warning wraps EMVQR's, with EMVQR's code: callers match EMVQRError.Code through VietQR.
        let warning = try #require(code.warnings.first)
        #expect(warning.code == .emvqr(.lowercaseCRC))
        #expect(try warning.underlying == EMVPayload(parsing: lowered).warnings.first)
        let strictError = #expect(throws: VietQRError.self) {
            try VietQRPayload(EMVPayload(parsing: lowered), mode: .strict)
        }
        #expect(strictError?.underlying?.code == .lowercaseCRC)
        #expect(strictError == warning.asError)
        // A NAPAS rule's warning wraps nothing.
        let withoutMCC = try VietQRPayload(parsing: Self.withoutMCC.text)
        #expect(withoutMCC.warnings.map(\.code) == [.vietqr(.merchantCategoryAbsent)])
        #expect(withoutMCC.warnings.first?.underlying == nil)
        #expect(withoutMCC.warnings.first?.asError.underlying == nil)
    }

    /// 62.50 holding a plain value where 62.50–99 are templates, as in EMVCo's own sample (`5004ijkl`).
    static let plainTemplate = base.setting(
        "62", .template(62, [.primitive(1, "HD001"), .primitive(8, "Mua rau"), .primitive(50, "ijkl")]))

    @Test("A plain value in 62.50 reads leniently as VietQR, with EMVQR's warning wrapped")
    func plainValueWhereATemplateGoesLenient() throws {
        let code = try VietQRPayload(parsing: Self.plainTemplate.text)
        #expect(code.warnings.map(\.code) == [.emvqr(.invalidDigit)])
        #expect(code.warnings.first?.path == TagPath(62, 50))
        #expect(code.warnings.first?.underlying?.code == .invalidDigit)
        #expect(code.payment.additionalData.purpose == "Mua rau")
        #expect(code.emv["62.50"]?.string == "ijkl")
    }

    @Test("Strict reading refuses a plain value in 62.50, wrapping EMVQR's error")
    func plainValueWhereATemplateGoesStrict() throws {
        let error = #expect(throws: VietQRError.self) {
            try VietQRPayload(parsing: Self.plainTemplate.text, mode: .strict)
        }
        #expect(error?.underlying?.code == .invalidDigit)
        #expect(error?.path == TagPath(62, 50))
        // A payload read leniently, then held to the rules strictly, refuses it the same way.
        let lenient = try EMVPayload(parsing: Self.plainTemplate.text)
        let held = #expect(throws: VietQRError.self) { try VietQRPayload(lenient, mode: .strict) }
        #expect(held == error)
        #expect(held?.underlying?.code == .invalidDigit)
    }

    @Test(arguments: ["000201", "00020101021238", String(TestPayload.base.text.dropLast()) + "0"])
    func malformedEMVKeepsItsCodeAndPosition(_ text: String) {
        let emvError = #expect(throws: EMVQRError.self) { try EMVPayload(parsing: text) }
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text) }
        #expect(error?.code.rawValue == emvError?.code.rawValue)
        #expect(error?.offset == emvError?.offset)
        #expect(error?.path == emvError?.path)
    }
}

/// Where VietQR reads 38.01 from: EMVQR knows no scheme, so VietQR declares its nesting, and a generic payload is
/// read again with it.
@Suite("VietQR's 38.01")
struct BeneficiaryNestingTests {
    static let base = TestPayload.base

    @Test("A generic EMVQR payload reads as VietQR, with 38.01's fields")
    func genericPayload() throws {
        let generic = try EMVPayload(parsing: Self.base.text)
        #expect(generic["38.01"]?.isTemplate == false)
        let code = try VietQRPayload(generic)
        #expect(code.bin == "970436")
        #expect(code.account == "0011001234567")
        #expect(code.emv["38.01.00"]?.string == "970436")
        #expect(code.warnings.isEmpty)
    }

    @Test("A broken 38.01: EMVQR still names VietQR; VietQR reports the break at 38.01, wrapping EMVQR's error")
    func broken() throws {
        let text = Self.base.setting("38.01", .primitive(1, "000697043601991234")).text
        let generic = try EMVPayload(parsing: text)
        #expect(generic.primaryScheme == .vietQR)
        for mode in [EMVPayload.ReadingMode.lenient, .strict] {
            let error = #expect(throws: VietQRError.self) { try VietQRPayload(generic, mode: mode) }
            #expect(error?.path.count == 3)
            #expect(error?.path.parent == TagPath(38, 1))
            #expect(error?.code.rawValue == EMVQRError.Code.lengthOverrun.rawValue)
            let direct = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text, mode: mode) }
            #expect(direct == error)
        }
    }

    /// The service code inside 38.01, as binhnguyenduc/vietqr-ts writes it in its documentation and fixtures.
    static let nestedService = base.removing("38.02").setting(
        "38.01",
        .template(1, [.primitive(0, "970436"), .primitive(1, "0011001234567"), .primitive(2, "QRIBFTTA")]))

    @Test("A service code in 38.01.02 reads leniently, with a warning and the payee")
    func nestedServiceLenient() throws {
        let code = try VietQRPayload(parsing: Self.nestedService.text)
        #expect(code.bin == "970436")
        #expect(code.account == "0011001234567")
        #expect(code.bank?.shortName == "Vietcombank")
        #expect(code.service == .accountTransfer)
        #expect(code.payment.service == .accountTransfer)
        #expect(code.warnings.map(\.code) == [.vietqr(.serviceInBeneficiary)])
        #expect(code.warnings.first?.path == TagPath(38, 1, 2))
        #expect(code.warnings.first?.offset == code.emv["38.01.02"]?.offset)
    }

    @Test("Strict reading refuses a service code in 38.01.02")
    func nestedServiceStrict() {
        let error = #expect(throws: VietQRError.self) {
            try VietQRPayload(parsing: Self.nestedService.text, mode: .strict)
        }
        #expect(error?.code == .vietqr(.serviceInBeneficiary))
        #expect(error?.path == TagPath(38, 1, 2))
    }

    @Test("Without a service code anywhere, 38.02 is missing")
    func noService() {
        let error = #expect(throws: VietQRError.self) {
            try VietQRPayload(parsing: Self.base.removing("38.02").text)
        }
        #expect(error?.code == .vietqr(.missingField))
        #expect(error?.path == TagPath(38, 2))
    }
}

@Suite("One error vocabulary")
struct ErrorWrappingTests {
    @Test("A VietQR error wraps EMVQR's: callers match EMVQRError.Code through it")
    func wrapsEMVQR() {
        var text = TestPayload.base.text
        let last = text.removeLast()
        text.append(last == "0" ? "1" : "0")
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text) }
        #expect(error?.underlying?.code == .crcMismatch)
        #expect(error?.code == .emvqr(.crcMismatch))
        #expect(error?.offset == error?.underlying?.offset)
        #expect(error?.path == TagPath(63))
    }

    @Test("A broken VietQR rule wraps nothing")
    func ruleErrors() {
        let error = #expect(throws: VietQRError.self) {
            try VietQRPayload(parsing: TestPayload.base.setting("38.01.00", "97043").text)
        }
        #expect(error?.code == .vietqr(.invalidBIN))
        #expect(error?.underlying == nil)
    }
}

/// Which rule reading reports first when several break: each field's own rules in document order, then the rules on
/// absent fields and on fields together (VietQRPayload+Validation.swift, and the article VietQRRules).
@Suite("The order of findings")
struct FindingOrderTests {
    static let base = TestPayload.base

    @Test("A field's own rule, in document order: 01 before the BIN")
    func documentOrder() {
        let text = Self.base.setting("01", "13").setting("38.01.00", "97043").text
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text) }
        #expect(error?.code == .vietqr(.invalidInitiation))
        #expect(error?.path == "01")
    }

    @Test("A broken value comes before an absent field")
    func valueBeforeAbsence() {
        let text = Self.base.removing("53").setting("58", "TH").text
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text) }
        #expect(error?.code == .vietqr(.invalidCountry))
        #expect(error?.path == "58")
        let fixed = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: Self.base.removing("53").text) }
        #expect(fixed?.code == .vietqr(.missingField))
        #expect(fixed?.path == "53")
    }

    @Test("The absent fields in their order: 38's parts first, then 01, 53, 58")
    func absentFields() {
        let text = Self.base.removing("01").removing("53").removing("38.01.01").text
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text) }
        #expect(error?.path == "38.01.01")
        let without38 = Self.base.removing("01").removing("53").text
        let next = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: without38) }
        #expect(next?.path == "01")
    }

    @Test("Warnings in the same order: each field's in document order, then 52's absence, then the amount's")
    func warningOrder() throws {
        let text = Self.base.setting("01", "11").removing("52").setting("59", String(repeating: "N", count: 26))
            .setting("62.08", "Mua rau cải").text
        let code = try VietQRPayload(parsing: text)
        #expect(
            code.warnings.map(\.code) == [
                .vietqr(.fieldTooLong), .vietqr(.invalidCharacters), .vietqr(.merchantCategoryAbsent),
                .vietqr(.staticWithAmount),
            ])
        #expect(code.warnings.map(\.path) == ["59", "62.08", "52", "54"])
        // Strict reading throws the first.
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text, mode: .strict) }
        #expect(error == code.warnings.first?.asError)
    }

    @Test("A service code's rules when 38 has been read: an unknown one before a missing account")
    func serviceAtTheEndOf38() {
        let text = Self.base.setting("38.02", "QRXYZ").removing("38.01.01").text
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text, mode: .strict) }
        #expect(error?.code == .vietqr(.unknownService))
        let lenient = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: text) }
        #expect(lenient?.code == .vietqr(.missingField))
        #expect(lenient?.path == "38.01.01")
    }
}
