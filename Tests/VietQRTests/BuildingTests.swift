import EMVQR
import PropertyBased
import Testing
import VietQR

@Suite struct BuildingTests {
    static func shop() -> VietQRPayment {
        var payment = VietQRPayment(bin: "970436", account: "0011001234567", amount: "50000")
        payment.merchantName = "CHO LANG"
        payment.merchantCity = "HA NOI"
        payment.additionalData.purpose = "Mua rau"
        return payment
    }

    @Test func buildsWhatItReadsBack() throws {
        let built = try Self.shop().build()
        let code = try VietQRPayload(parsing: built.text, mode: .lenient)
        #expect(code.payment == Self.shop())
        #expect(built.warnings.map(\.code) == [.vietqr(.merchantCategoryAbsent)])
        #expect(built.text.hasPrefix("000201010212"))
    }

    @Test func defaultsToStaticWithoutAmountAndDynamicWithOne() {
        #expect(VietQRPayment(bin: "970436", account: "1").resolvedInitiation == .static)
        #expect(VietQRPayment(bin: "970436", account: "1", amount: 1).resolvedInitiation == .dynamic)
    }

    @Test func initiationIsDecidedWhenBuilding() throws {
        // An amount set after making the payment still makes a dynamic code, with nothing to warn of.
        var payment = VietQRPayment(bin: "970436", account: "0011001234567")
        #expect(payment.initiation == nil)
        payment.amount = 50_000
        let built = try payment.build()
        #expect(built.text.hasPrefix("000201010212"))
        #expect(built.warnings.map(\.code) == [.vietqr(.merchantCategoryAbsent)])
        // Set explicitly, it is kept: a static code with an amount, which reading back warns of.
        payment.initiation = .static
        let pinned = try payment.build()
        #expect(pinned.text.hasPrefix("000201010211"))
        #expect(pinned.warnings.map(\.code) == [.vietqr(.merchantCategoryAbsent), .vietqr(.staticWithAmount)])
        #expect(try VietQRPayload(parsing: pinned.payload[...]).payment.initiation == .static)
        // Without an amount, static.
        payment.initiation = nil
        payment.amount = nil
        #expect(try payment.build().text.hasPrefix("000201010211"))
    }

    @Test func amountsAreWholeDong() throws {
        #expect(VietQRAmount(dong: 50_000).text == "50000")
        #expect(VietQRAmount("50000").dong == 50_000)
        #expect(VietQRAmount("1234.5").dong == nil)
        #expect(VietQRAmount("050000").dong == nil)
        #expect(VietQRAmount(integerLiteral: 180_000).formatted == "180.000 ₫")
        let payment = VietQRPayment(bin: "970436", account: "1", amount: VietQRAmount("1234.5"))
        let error = #expect(throws: VietQRError.self) { try payment.build() }
        #expect(error?.code == .vietqr(.invalidAmount))
        #expect(error?.path == TagPath(54))
    }

    @Test func foldsVietnameseInNameCityAndAdditionalData() throws {
        var payment = Self.shop()
        payment.merchantName = "Nguyễn Thị Lan"
        payment.merchantCity = "Đà Nẵng"
        payment.additionalData.purpose = "Mua rau cải"
        payment.additionalData.storeLabel = "Chợ Bến Thành"
        let built = try payment.build()
        #expect(built.folds.map(\.path) == ["59", "60", "62.03", "62.08"])
        #expect(built.folds.map(\.folded) == ["Nguyen Thi Lan", "Da Nang", "Cho Ben Thanh", "Mua rau cai"])
        #expect(built.folds[0].replacements.map(\.original) == ["ễ", "ị"])
        let code = try VietQRPayload(parsing: built.text)
        #expect(code.payment.merchantName == "Nguyen Thi Lan")
        #expect(built.payload.allSatisfy { $0 < 0x80 })
    }

    @Test func foldsNFDInput() throws {
        var payment = Self.shop()
        payment.additionalData.purpose = "Thanh to\u{0061}\u{0301}n \u{0111}o\u{031B}\u{0300}n"
        let built = try payment.build()
        #expect(try VietQRPayload(parsing: built.text).purpose == "Thanh toan don")
    }

    @Test func rawUTF8GoesOnlyInTag64() throws {
        var payment = Self.shop()
        payment.alternateLanguage = .init(language: "vi", name: "Chợ Làng", city: "Hà Nội")
        let built = try payment.build()
        let emv = try EMVPayload(parsing: built.payload)
        let template = try #require(emv[64])
        let range = template.valueOffset..<(template.valueOffset + template.value.count)
        let nonASCII = built.payload.indices.filter { built.payload[$0] >= 0x80 }
        #expect(!nonASCII.isEmpty)
        #expect(nonASCII.allSatisfy(range.contains))
        #expect(try VietQRPayload(parsing: built.text).payment.alternateLanguage?.city == "Hà Nội")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let change: @Sendable (inout VietQRPayment) -> Void
        let code: VietQRError.Code
        let path: TagPath
        let offset: Int

        init(
            _ description: String, _ code: VietQRError.Code, _ path: TagPath, at offset: Int = 0,
            _ change: @escaping @Sendable (inout VietQRPayment) -> Void
        ) {
            self.testDescription = description
            self.code = code
            self.path = path
            self.offset = offset
            self.change = change
        }
    }

    static let long = String(repeating: "x", count: 26)

    static let errors: [Case] = [
        Case("5-digit BIN", .invalidBIN, "38.01.00") { $0.bin = "97043" },
        Case("BIN with a letter", .invalidBIN, "38.01.00") { $0.bin = "97043X" },
        Case("empty account", .invalidAccount, "38.01.01") { $0.account = "" },
        Case("20-character account", .invalidAccount, "38.01.01") { $0.account = String(repeating: "1", count: 20) },
        Case("account with a space", .invalidAccount, "38.01.01") { $0.account = "0011 22" },
        Case("unknown service", .invalidService, "38.02") { $0.service = VietQRService(rawValue: "QRXYZ") },
        Case("US dollars", .invalidCurrency, "53") { $0.currency = "840" },
        Case("Thailand", .invalidCountry, "58") { $0.country = "TH" },
        Case("amount with decimals", .invalidAmount, "54", at: 5) { $0.amount = "50000.5" },
        Case("amount with a comma", .invalidAmount, "54", at: 2) { $0.amount = "50,000" },
        Case("zero amount", .invalidAmount, "54") { $0.amount = "0" },
        Case("leading zero", .invalidAmount, "54") { $0.amount = "050000" },
        Case("14-digit amount", .invalidAmount, "54") { $0.amount = "12345678901234" },
        Case("empty amount", .invalidAmount, "54") { $0.amount = "" },
        Case("MCC of 3 digits", .invalidMerchantCategory, "52") { $0.merchantCategoryCode = "541" },
        Case("fixed fee with decimals", .invalidAmount, "56", at: 1) { $0.tip = .fixedFee("1.5") },
        Case("percentage of 6 characters", .invalidTip, "57") { $0.tip = .percentageFee("12.345") },
        Case("26-character name", .fieldTooLong, "59", at: 25) { $0.merchantName = long },
        Case("16-character city", .fieldTooLong, "60", at: 15) { $0.merchantCity = String(long.prefix(16)) },
        Case("11-character postal code", .fieldTooLong, "61", at: 10) { $0.postalCode = "12345678901" },
        Case("accented postal code", .invalidCharacters, "61", at: 0) { $0.postalCode = "Đ1" },
        Case("26-character purpose", .fieldTooLong, "62.08", at: 25) { $0.additionalData.purpose = long },
        Case("26-character bill", .fieldTooLong, "62.01", at: 25) { $0.additionalData.billNumber = long },
        Case("26-character purpose after folding", .fieldTooLong, "62.08", at: 25) {
            $0.additionalData.purpose = String(repeating: "ễ", count: 26)
        },
        Case("German in the purpose", .invalidCharacters, "62.08", at: 2) { $0.additionalData.purpose = "Grüße" },
        Case("emoji in the name", .invalidCharacters, "59", at: 4) { $0.merchantName = "Phở ☕" },
        Case("newline in the city", .invalidCharacters, "60", at: 2) { $0.merchantCity = "Ha\nNoi" },
        Case("consumer request X", .invalidCharacters, "62.09") { $0.additionalData.consumerDataRequest = "AX" },
        Case("consumer request twice A", .invalidCharacters, "62.09") { $0.additionalData.consumerDataRequest = "AA" },
        Case("consumer request of 4", .fieldTooLong, "62.09", at: 3) { $0.additionalData.consumerDataRequest = "AMEA" },
        Case("QRPUSH without a name", .missingField, "59") {
            $0.service = .merchantPayment
            $0.merchantName = nil
        },
        Case("QRPUSH without a city", .missingField, "60") {
            $0.service = .merchantPayment
            $0.merchantCity = ""
        },
        Case("QRCASH without a reference", .missingField, "62.05") {
            $0.service = .cashWithdrawal
            $0.additionalData.terminalLabel = "ATM1"
        },
        Case("QRCASH without a terminal", .missingField, "62.07") {
            $0.service = .cashWithdrawal
            $0.additionalData.referenceLabel = "REF1"
        },
        Case("language of 3 letters", .invalidLanguage, "64.00") {
            $0.alternateLanguage = .init(language: "vie", name: "Chợ")
        },
        Case("language without a name", .missingField, "64.01") {
            $0.alternateLanguage = .init(language: "vi", name: "")
        },
        Case("26-character alternate name", .fieldTooLong, "64.01", at: 25) {
            $0.alternateLanguage = .init(language: "vi", name: String(repeating: "ơ", count: 26))
        },
        Case("16-character alternate city", .fieldTooLong, "64.02", at: 15) {
            $0.alternateLanguage = .init(language: "vi", name: "Chợ", city: String(repeating: "ơ", count: 16))
        },
        Case("tab in the alternate name", .invalidCharacters, "64.01", at: 3) {
            $0.alternateLanguage = .init(language: "vi", name: "Chợ\tLàng")
        },
    ]

    @Test(arguments: errors)
    func rejects(_ c: Case) {
        var payment = Self.shop()
        c.change(&payment)
        let error = #expect(throws: VietQRError.self) { try payment.build() }
        #expect(error?.code == .vietqr(c.code))
        #expect(error?.path == c.path)
        #expect(error?.offset == c.offset)
    }

    @Test func servicesWithTheirRequiredFieldsBuild() throws {
        var push = Self.shop()
        push.service = .merchantPayment
        push.merchantCategoryCode = "5411"
        #expect(try push.build().warnings.isEmpty)

        var cash = VietQRPayment(bin: "970403", account: "12345678", service: .cashWithdrawal, initiation: .dynamic)
        cash.merchantCategoryCode = "6011"
        cash.additionalData.referenceLabel = "201901091557142283847"
        cash.additionalData.terminalLabel = "00001111"
        #expect(try cash.build().warnings.isEmpty)
    }

    @Test func deviationsTheCallerChoseAreWarnings() throws {
        var payment = Self.shop()
        payment.initiation = .static
        #expect(try payment.build().warnings.map(\.code).contains(.vietqr(.staticWithAmount)))
        payment.initiation = .dynamic
        payment.amount = nil
        #expect(try payment.build().warnings.map(\.code).contains(.vietqr(.dynamicWithoutAmount)))
    }

    static let banks = BankDirectory.all.compactMap(\.bin)

    @Test func anyValidPaymentRoundTrips() async {
        let text = Gen<Character>.character(in: " "..."~").string(of: 0...25)
        let account = Gen.letterOrNumber.string(of: 1...19)
        let amount = Gen.int(in: 1...9_999_999_999_999)
        await propertyCheck(
            count: 300, input: Gen.element(of: Self.banks), account, amount, Gen.bool, text, text
        ) { bin, account, amount, hasAmount, purpose, name in
            var payment = VietQRPayment(
                bin: bin!, account: account, amount: hasAmount ? VietQRAmount(dong: amount) : nil)
            payment.additionalData.purpose = purpose.isEmpty ? nil : purpose
            payment.merchantName = name.isEmpty ? nil : name
            do {
                let built = try payment.build()
                let code = try VietQRPayload(parsing: built.payload[...])
                #expect(code.payment == payment)
                #expect(code.bank?.bin == bin)
                #expect(try code.payment.build().payload == built.payload)
            } catch {
                Issue.record("\(payment) failed: \(error)")
            }
        }
    }
}
