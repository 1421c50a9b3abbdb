import EMVQR

// The NAPAS rules a read payload is held to. Each rule names its source; the article VietQRRules.md lists them
// with links. "NAPAS" is the VietQR format specification (v1.0 VN 09/2021, v1.5.2 EN 10/2022) as the field tables of
// napas-qr-python (fields.py, decode.py) and vietqrjs reproduce it; "EMVCo" is QRCPS-MPM v1.1.

/// Collects what validation finds: whether anything deviates (the fast path), every warning, or the first one
/// as an error (strict reading).
struct Findings {
    enum Mode { case flag, collect, strict }

    let mode: Mode
    var found = false
    var warnings: [VietQRWarning] = []

    init(mode: Mode) { self.mode = mode }

    /// Notes a deviation. The path and the message are built only when the warning is kept, out of line.
    @inline(__always)
    mutating func warn(
        _ code: VietQRError.Code,
        _ offset: Int,
        _ path: @autoclosure () -> TagPath,
        _ message: @autoclosure () -> String
    ) throws(VietQRError) {
        found = true
        if mode != .flag { try keep(code, offset, path(), message()) }
    }

    @inline(never)
    private mutating func keep(
        _ code: VietQRError.Code,
        _ offset: Int,
        _ path: @autoclosure () -> TagPath,
        _ message: @autoclosure () -> String
    ) throws(VietQRError) {
        switch mode {
        case .flag: return
        case .collect: warnings.append(VietQRWarning(code: code, offset: offset, path: path(), message: message()))
        case .strict: throw VietQRError(code: code, offset: offset, path: path(), message: message())
        }
    }

    /// Notes the EMVCo reading's own warnings, which come first.
    @inline(__always)
    mutating func note(_ warnings: [EMVQRWarning]) throws(VietQRError) {
        guard !warnings.isEmpty else { return }
        found = true
        guard mode != .flag else { return }
        for warning in warnings {
            try warn(VietQRError.Code(warning.code), warning.offset, warning.path, warning.message)
        }
    }
}

/// The paths validation reports. They are made only when an error or warning is: reading valid codes needs none.
enum VietQRPaths {
    static var initiation: TagPath { TagPath(1) }
    static var napas: TagPath { TagPath(38) }
    static var guid: TagPath { TagPath(38, 0) }
    static var beneficiary: TagPath { TagPath(38, 1) }
    static var bin: TagPath { TagPath(38, 1, 0) }
    static var account: TagPath { TagPath(38, 1, 1) }
    static var service: TagPath { TagPath(38, 2) }
    static var nestedService: TagPath { TagPath(38, 1, 2) }
    static var merchantCategory: TagPath { TagPath(52) }
    static var currency: TagPath { TagPath(53) }
    static var amount: TagPath { TagPath(54) }
    static var tip: TagPath { TagPath(55) }
    static var fixedFee: TagPath { TagPath(56) }
    static var percentageFee: TagPath { TagPath(57) }
    static var country: TagPath { TagPath(58) }
    static var merchantName: TagPath { TagPath(59) }
    static var merchantCity: TagPath { TagPath(60) }
    static var postalCode: TagPath { TagPath(61) }
    static var additionalTemplate: TagPath { TagPath(62) }
    /// 62.`tag`, for tags 0–9.
    static func additional(_ tag: Int) -> TagPath { TagPath(62, tag) }
    static var languageTemplate: TagPath { TagPath(64) }
    static var language: TagPath { TagPath(64, 0) }
    static var languageName: TagPath { TagPath(64, 1) }
    static var languageCity: TagPath { TagPath(64, 2) }
}

/// The NAPAS length limits, in characters.
enum VietQRLimits {
    /// 38.01.01 (NAPAS field table; vietqr.io: "tối đa 19 kí tự").
    static let account = 19
    /// 38.02 (vietqrjs maxLength 10; napas-qr-python fields.py).
    static let service = 10
    /// 54 and 56 (EMVCo 4.7.3, 4.7.5).
    static let amount = 13
    /// 57 (EMVCo 4.7.6).
    static let percentage = 5
    /// 59 (EMVCo 4.7.8; napas-qr-python fields.py).
    static let merchantName = 25
    /// 60 (EMVCo 4.7.9).
    static let merchantCity = 15
    /// 61 (EMVCo 4.7.10).
    static let postalCode = 10
    /// 62.01–62.09 (EMVCo 4.8: "ans ..25"); 62.08 is widely exceeded by real codes, so reading only warns.
    static let additional = 25
    /// 62.09 (EMVCo 4.8.9: any of "A", "M", "E").
    static let consumerDataRequest = 3
    /// 64.01 (EMVCo 4.9.2).
    static let languageName = 25
    /// 64.02 (EMVCo 4.9.3).
    static let languageCity = 15
}

extension VietQRPayload {
    /// Checks the rules; returns the bank's index in the directory, or -1.
    ///
    /// The fields are found and checked in place, in EMVQR's field table and the payload's bytes: nothing is copied
    /// and nothing allocated unless something is reported.
    static func validate(
        _ emv: EMVPayload, _ index: FieldIndex, _ findings: inout Findings
    ) throws(VietQRError) -> Int {
        try findings.note(emv.warnings)
        var failure: VietQRError?
        let bank = emv.bytes.withUnsafeBufferPointer { bytes in
            let check = Check(bytes: PayloadBytes(buffer: bytes), index: index)
            do throws(VietQRError) {
                return try check.run(&findings)
            } catch {
                failure = error
                return -1
            }
        }
        if let failure { throw failure }
        if index.otherTemplates != 0 { try checkOtherSchemes(emv, &findings) }
        return bank
    }

    /// Another merchant account template (26–51) beside 38, such as VNPay's 26 (GUID A000000775, EMVScheme.vnpay).
    static func checkOtherSchemes(_ emv: EMVPayload, _ findings: inout Findings) throws(VietQRError) {
        for field in emv.fields where field.isTemplate && field.tag >= 26 && field.tag <= 51 && field.tag != 38 {
            try findings.warn(
                .otherScheme, field.offset, field.path,
                "tag \(field.tag) carries another scheme's merchant account beside VietQR's 38; apps may "
                    + "pick either")
        }
    }
}

/// One pass of the rules over a payload's bytes.
private struct Check {
    let bytes: PayloadBytes
    let index: FieldIndex

    init(bytes: PayloadBytes, index: FieldIndex) {
        self.bytes = bytes
        self.index = index
    }

    typealias Span = FieldIndex.Span
    typealias P = VietQRPaths

    /// Where a field missing from the root would have to be: before the CRC.
    var rootEnd: Int { index.crc.offset }

    func run(_ findings: inout Findings) throws(VietQRError) -> Int {
        let bank = try checkBeneficiary(&findings)
        try checkInitiationAndAmount(&findings)
        try checkMerchant(&findings)
        try checkAdditionalData(&findings)
        try checkLanguageTemplate(&findings)
        return bank
    }

    // MARK: Tag 38

    /// 38: GUID, BIN, account, service (NAPAS §2; research notes in Docs.docc/VietQRRules.md).
    func checkBeneficiary(_ findings: inout Findings) throws(VietQRError) -> Int {
        guard index.napas.isPresent else {
            throw missing(
                P.napas, at: rootEnd,
                "the payload has no tag 38, NAPAS's merchant account template; it is not a VietQR code"
                    + (index.otherTemplates != 0 ? " (it carries another scheme's template)" : ""))
        }
        let napasEnd = Int(index.napas.end)
        guard index.guid.isPresent else {
            throw missing(P.guid, at: napasEnd, "tag 38 has no GUID in 38.00; VietQR's is A000000727")
        }
        // NAPAS's application identifier, registered with ISO/IEC 7816-5 (RID A000000727).
        guard bytes.isNAPASGUID(index.guid) else {
            throw failure(
                .wrongGUID, at: index.guid.offset, P.guid,
                "38.00 is \"\(text(index.guid))\"; a VietQR code carries NAPAS's GUID "
                    + "\(VietQRPayload.napasGUID) there")
        }
        guard index.beneficiary.isPresent else {
            throw missing(P.beneficiary, at: napasEnd, "tag 38 has no beneficiary organisation (38.01)")
        }
        let beneficiaryEnd = Int(index.beneficiary.end)
        guard index.bin.isPresent else {
            throw missing(P.bin, at: beneficiaryEnd, "38.01 has no acquirer BIN (38.01.00)")
        }
        // The acquirer (BNB) ID is the bank's 6-digit BIN (NAPAS field table; every published example).
        guard let bin = bytes.sixDigits(index.bin) else {
            throw failure(
                .invalidBIN, at: index.bin.offset, P.bin,
                "the BIN in 38.01.00 is \"\(text(index.bin))\"; it must be 6 digits, such as 970436")
        }
        guard index.account.isPresent else {
            throw missing(P.account, at: beneficiaryEnd, "38.01 has no account or card number (38.01.01)")
        }
        // Account: letters and digits, at most 19 (NAPAS field table; vietqr.io Quick Link docs:
        // "bao gồm chữ hoặc số, tối đa 19 kí tự").
        let account = index.account
        guard account.count >= 1, account.count <= VietQRLimits.account, isAlphanumeric(account) else {
            throw failure(
                .invalidAccount, at: account.offset, P.account,
                "the account in 38.01.01 is \"\(text(account))\"; it must be 1–19 letters and digits")
        }
        let service = index.serviceSpan
        // Made only when something is reported.
        let isNested = !index.service.isPresent
        func servicePath() -> TagPath { isNested ? P.nestedService : P.service }
        if !index.service.isPresent {
            guard index.nestedService.isPresent else {
                throw missing(P.service, at: napasEnd, "tag 38 has no service code (38.02), such as QRIBFTTA")
            }
            // Some generators write the service inside 38.01 (vietqr-ts's documentation and fixtures); the payee
            // is still there, and lenient reading takes the code from where it is.
            try findings.warn(
                .serviceInBeneficiary, service.offset, P.nestedService,
                "the service code \"\(text(service))\" is in 38.01.02; NAPAS puts it in 38.02, beside 38.01")
        }
        guard service.count >= 1, service.count <= VietQRLimits.service, isPrintableASCII(service) else {
            throw failure(
                .invalidService, at: service.offset, servicePath(),
                "the service code in \(servicePath()) is \"\(text(service))\"; it must be 1–10 ASCII characters")
        }
        if VietQRService.knownPosition(bytes[service]) == nil {
            try findings.warn(
                .unknownService, service.offset, servicePath(),
                "the service code \"\(text(service))\" is not one NAPAS defines (\(VietQRService.knownList)); "
                    + "the payer's bank may refuse it")
        }
        let bank = BankDirectory.position(of: bin)
        if bank < 0 {
            try findings.warn(
                .unknownBank, index.bin.offset, P.bin,
                "the BIN \(text(index.bin)) is not in the bank directory; check it against the bank's own list")
        }
        return bank
    }

    // MARK: Tags 01, 52–58

    func checkInitiationAndAmount(_ findings: inout Findings) throws(VietQRError) {
        // 01 is mandatory in VietQR (NAPAS field table; napas-qr-python fields.py "§5.2.2").
        guard index.initiation.isPresent else {
            throw missing(P.initiation, at: rootEnd, "the point of initiation (01) is absent; it must be 11 or 12")
        }
        let isStatic = equals(index.initiation, "11")
        guard isStatic || equals(index.initiation, "12") else {
            throw failure(
                .invalidInitiation, at: index.initiation.offset, P.initiation,
                "01 is \"\(text(index.initiation))\"; it must be 11 (static) or 12 (dynamic)")
        }
        // 52 is in the NAPAS table but every bank's transfer code omits it (Fixtures/VietQR/valid.tsv).
        if !index.merchantCategory.isPresent {
            try findings.warn(
                .merchantCategoryAbsent, rootEnd, P.merchantCategory,
                "the merchant category code (52) is absent, as banks leave it out of transfer codes")
        } else if index.merchantCategory.count != 4 || !isDigits(index.merchantCategory) {
            throw failure(
                .invalidMerchantCategory, at: index.merchantCategory.offset, P.merchantCategory,
                "52 is \"\(text(index.merchantCategory))\"; a merchant category code is 4 digits")
        }
        // 53 = 704 and 58 = VN (NAPAS field table).
        guard index.currency.isPresent else {
            throw missing(P.currency, at: rootEnd, "the currency (53) is absent; VietQR carries 704, the dong")
        }
        guard equals(index.currency, "704") else {
            throw failure(
                .invalidCurrency, at: index.currency.offset, P.currency,
                "53 is \"\(text(index.currency))\"; VietQR payments are in dong, 704")
        }
        guard index.country.isPresent else {
            throw missing(P.country, at: rootEnd, "the country (58) is absent; VietQR carries VN")
        }
        guard equals(index.country, "VN") else {
            throw failure(
                .invalidCountry, at: index.country.offset, P.country,
                "58 is \"\(text(index.country))\"; VietQR codes carry VN")
        }
        let amount = index.amount
        if amount.isPresent {
            guard isAmount(amount, limit: VietQRLimits.amount) else {
                throw failure(
                    .invalidAmount, at: amount.offset, P.amount,
                    "the amount in 54 is \"\(text(amount))\"; it must be digits with at most one '.', "
                        + "13 characters at most")
            }
            if isZero(amount) {
                try findings.warn(.zeroAmount, amount.offset, P.amount, "the amount in 54 is zero")
            } else if !VietQRAmount.isWholeDong(bytes[amount]) {
                // Kept as written, never rounded; the dong has no minor unit (ISO 4217).
                try findings.warn(
                    .fractionalAmount, amount.offset, P.amount,
                    "the amount in 54 is \(text(amount)), not a whole number of dong; it is kept as written")
            }
            if isStatic {
                // Seen in VietQR.vn transaction codes and old napas-qr-python output (Fixtures: static-amount).
                try findings.warn(
                    .staticWithAmount, amount.offset, P.amount,
                    "a static code (01 = 11) carries an amount (\(text(amount))); static codes usually leave "
                        + "it to the payer")
            }
        } else if !isStatic && VietQRService.known(bytes[index.serviceSpan]) != .cashWithdrawal {
            // NAPAS's own QRCASH examples are dynamic without an amount, so QRCASH is exempt.
            try findings.warn(
                .dynamicWithoutAmount, index.initiation.offset, P.initiation,
                "a dynamic code (01 = 12) has no amount (54); a code for one order usually states it")
        }
        try checkTip(&findings)
    }

    /// 55–57 (EMVCo 4.7.4–4.7.6).
    func checkTip(_ findings: inout Findings) throws(VietQRError) {
        let tip = index.tip
        guard tip.isPresent else { return }
        if equals(tip, "01") { return }
        if equals(tip, "02") {
            guard index.fixedFee.isPresent else {
                throw missing(P.fixedFee, at: rootEnd, "55 = 02 asks for a fixed fee, but 56 is absent")
            }
            guard isAmount(index.fixedFee, limit: VietQRLimits.amount) else {
                throw failure(
                    .invalidAmount, at: index.fixedFee.offset, P.fixedFee,
                    "the fee in 56 is \"\(text(index.fixedFee))\"; it must be an amount")
            }
            return
        }
        if equals(tip, "03") {
            guard index.percentageFee.isPresent else {
                throw missing(P.percentageFee, at: rootEnd, "55 = 03 asks for a percentage fee, but 57 is absent")
            }
            guard isAmount(index.percentageFee, limit: VietQRLimits.percentage) else {
                throw failure(
                    .invalidTip, at: index.percentageFee.offset, P.percentageFee,
                    "the percentage in 57 is \"\(text(index.percentageFee))\"; it must be a number "
                        + "of at most 5 characters, such as 3.5")
            }
            return
        }
        throw failure(
            .invalidTip, at: tip.offset, P.tip,
            "55 is \"\(text(tip))\"; it must be 01 (prompt), 02 (fixed fee) or 03 (percentage)")
    }

    // MARK: Text fields

    func checkMerchant(_ findings: inout Findings) throws(VietQRError) {
        try checkText(index.merchantName, P.merchantName, limit: VietQRLimits.merchantName, &findings)
        try checkText(index.merchantCity, P.merchantCity, limit: VietQRLimits.merchantCity, &findings)
        try checkText(index.postalCode, P.postalCode, limit: VietQRLimits.postalCode, &findings)
    }

    func checkAdditionalData(_ findings: inout Findings) throws(VietQRError) {
        for tag in 1...9 {
            try checkText(index[additional: tag], P.additional(tag), limit: VietQRLimits.additional, &findings)
        }
    }

    /// EMVCo "ans" fields: printable ASCII within the limit. Real codes break both (EVN's 31-character names,
    /// VietQR.vn's 42-character purposes, VNPay's accented names), so reading warns.
    @inline(__always)
    func checkText(
        _ span: Span, _ path: @autoclosure () -> TagPath, limit: Int, _ findings: inout Findings
    ) throws(VietQRError) {
        guard span.isPresent else { return }
        // One pass: printable ASCII counts itself; otherwise count the characters.
        let printable = isPrintableASCII(span)
        let length = printable ? span.count : characterCount(span)
        if length > limit {
            try findings.warn(
                .fieldTooLong, span.offset, path(),
                "\(path()) is \(length) characters long; the limit is \(limit), and some banking apps cut it")
        }
        if !printable {
            try findings.warn(
                .invalidCharacters, span.offset, path(),
                "\(path()) holds \"\(text(span))\", which is not printable ASCII; banking apps may garble it "
                    + "(accented text belongs in tag 64)")
        }
    }

    /// 64 (EMVCo 4.9): 00 language and 01 name are mandatory in the template.
    func checkLanguageTemplate(_ findings: inout Findings) throws(VietQRError) {
        let template = index.languageTemplate
        guard template.isPresent else { return }
        guard index.language.isPresent else {
            throw missing(P.language, at: Int(template.end), "tag 64 has no language (64.00)")
        }
        guard index.language.count == 2, isLowercaseLetters(index.language) else {
            throw failure(
                .invalidLanguage, at: index.language.offset, P.language,
                "64.00 is \"\(text(index.language))\"; it must be an ISO 639-1 code such as vi or en")
        }
        guard index.languageName.isPresent else {
            throw missing(P.languageName, at: Int(template.end), "tag 64 has no merchant name (64.01)")
        }
        try checkLength(index.languageName, P.languageName, limit: VietQRLimits.languageName, &findings)
        try checkLength(index.languageCity, P.languageCity, limit: VietQRLimits.languageCity, &findings)
    }

    /// 64.01 and 64.02 may hold any text, within the limit.
    func checkLength(
        _ span: Span, _ path: @autoclosure () -> TagPath, limit: Int, _ findings: inout Findings
    ) throws(VietQRError) {
        guard span.isPresent, characterCount(span) > limit else { return }
        try findings.warn(
            .fieldTooLong, span.offset, path(),
            "\(path()) is \(characterCount(span)) characters long; the limit is \(limit)")
    }

    // MARK: Helpers

    // Errors are built out of line, and their paths and messages only then: the checks stay small enough for the
    // byte tests to be inlined.

    @inline(never)
    func missing(
        _ path: @autoclosure () -> TagPath, at offset: Int, _ message: @autoclosure () -> String
    ) -> VietQRError {
        VietQRError(code: .missingField, offset: offset, path: path(), message: message())
    }

    @inline(never)
    func failure(
        _ code: VietQRError.Code, at offset: Int, _ path: @autoclosure () -> TagPath,
        _ message: @autoclosure () -> String
    ) -> VietQRError {
        VietQRError(code: code, offset: offset, path: path(), message: message())
    }

    @inline(__always) func text(_ span: Span) -> String { bytes.text(span) }
    @inline(__always) func equals(_ span: Span, _ value: StaticString) -> Bool { bytes.equals(span, value) }
    @inline(__always) func isDigits(_ span: Span) -> Bool { bytes.isDigits(span) }
    @inline(__always) func isAlphanumeric(_ span: Span) -> Bool { bytes.isAlphanumeric(span) }
    @inline(__always) func isLowercaseLetters(_ span: Span) -> Bool { bytes.isLowercaseLetters(span) }
    @inline(__always) func isPrintableASCII(_ span: Span) -> Bool { bytes.isPrintableASCII(span) }
    @inline(__always) func characterCount(_ span: Span) -> Int { bytes.characterCount(span) }
    @inline(__always) func isAmount(_ span: Span, limit: Int) -> Bool { bytes.isAmount(span, limit: limit) }
    @inline(__always) func isZero(_ span: Span) -> Bool { bytes.isZero(span) }
}
