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

    /// Notes a deviation. The message is built only when it is kept.
    mutating func warn(
        _ code: VietQRError.Code,
        _ offset: Int,
        _ path: TagPath,
        _ message: @autoclosure () -> String
    ) throws(VietQRError) {
        found = true
        switch mode {
        case .flag: return
        case .collect: warnings.append(VietQRWarning(code: code, offset: offset, path: path, message: message()))
        case .strict: throw VietQRError(code: code, offset: offset, path: path, message: message())
        }
    }
}

/// The paths validation reports, made once.
enum VietQRPaths {
    static let initiation = TagPath.root.appending(1)
    static let napas = TagPath.root.appending(38)
    static let guid = napas.appending(0)
    static let beneficiary = napas.appending(1)
    static let bin = beneficiary.appending(0)
    static let account = beneficiary.appending(1)
    static let service = napas.appending(2)
    static let merchantCategory = TagPath.root.appending(52)
    static let currency = TagPath.root.appending(53)
    static let amount = TagPath.root.appending(54)
    static let tip = TagPath.root.appending(55)
    static let fixedFee = TagPath.root.appending(56)
    static let percentageFee = TagPath.root.appending(57)
    static let country = TagPath.root.appending(58)
    static let merchantName = TagPath.root.appending(59)
    static let merchantCity = TagPath.root.appending(60)
    static let postalCode = TagPath.root.appending(61)
    static let additionalTemplate = TagPath.root.appending(62)
    /// 62.00–62.09.
    static let additional: [TagPath] = (0...9).map { additionalTemplate.appending($0) }
    static let languageTemplate = TagPath.root.appending(64)
    static let language = languageTemplate.appending(0)
    static let languageName = languageTemplate.appending(1)
    static let languageCity = languageTemplate.appending(2)
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
    static func validate(
        _ emv: EMVPayload,
        _ index: FieldIndex,
        _ findings: inout Findings
    ) throws(VietQRError) -> Int {
        for warning in emv.warnings {
            try findings.warn(
                VietQRError.Code(rawValue: warning.code.rawValue), warning.offset, warning.path, warning.message)
        }
        var failure: VietQRError?
        let bank = emv.bytes.withUnsafeBufferPointer { buffer in
            let check = Check(bytes: buffer, index: index)
            do throws(VietQRError) {
                return try check.run(&findings)
            } catch {
                failure = error
                return -1
            }
        }
        if let failure { throw failure }
        // Another merchant account template (26–51) beside 38, such as VNPay's 26 (GUID A000000775, EMVScheme.vnpay).
        if index.otherTemplates != 0 {
            for field in emv.fields where field.isTemplate && field.tag >= 26 && field.tag <= 51 && field.tag != 38 {
                try findings.warn(
                    .otherScheme, field.offset, field.path,
                    "tag \(field.tag) carries another scheme's merchant account beside VietQR's 38; apps may "
                        + "pick either")
            }
        }
        return bank
    }
}

/// One pass of the rules over a payload's bytes.
private struct Check {
    let bytes: UnsafeBufferPointer<UInt8>
    let index: FieldIndex

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
        guard equals(index.guid, "A000000727") else {
            throw VietQRError(
                code: .wrongGUID, offset: index.guid.offset, path: P.guid,
                message: "38.00 is \"\(text(index.guid))\"; a VietQR code carries NAPAS's GUID A000000727 there")
        }
        guard index.beneficiary.isPresent else {
            throw missing(P.beneficiary, at: napasEnd, "tag 38 has no beneficiary organisation (38.01)")
        }
        let beneficiaryEnd = Int(index.beneficiary.end)
        guard index.bin.isPresent else {
            throw missing(P.bin, at: beneficiaryEnd, "38.01 has no acquirer BIN (38.01.00)")
        }
        // The acquirer (BNB) ID is the bank's 6-digit BIN (NAPAS field table; every published example).
        guard index.bin.count == 6, isDigits(index.bin) else {
            throw VietQRError(
                code: .invalidBIN, offset: index.bin.offset, path: P.bin,
                message: "the BIN in 38.01.00 is \"\(text(index.bin))\"; it must be 6 digits, such as 970436")
        }
        guard index.account.isPresent else {
            throw missing(P.account, at: beneficiaryEnd, "38.01 has no account or card number (38.01.01)")
        }
        // Account: letters and digits, at most 19 (NAPAS field table; vietqr.io Quick Link docs:
        // "bao gồm chữ hoặc số, tối đa 19 kí tự").
        let account = index.account
        guard account.count >= 1, account.count <= VietQRLimits.account, isAlphanumeric(account) else {
            throw VietQRError(
                code: .invalidAccount, offset: account.offset, path: P.account,
                message: "the account in 38.01.01 is \"\(text(account))\"; it must be 1–19 letters and digits")
        }
        guard index.service.isPresent else {
            throw missing(P.service, at: napasEnd, "tag 38 has no service code (38.02), such as QRIBFTTA")
        }
        let service = index.service
        guard service.count >= 1, service.count <= VietQRLimits.service, isPrintableASCII(service) else {
            throw VietQRError(
                code: .invalidService, offset: service.offset, path: P.service,
                message: "the service code in 38.02 is \"\(text(service))\"; it must be 1–10 ASCII characters")
        }
        let known =
            equals(service, "QRIBFTTA") || equals(service, "QRIBFTTC") || equals(service, "QRPUSH")
            || equals(service, "QRCASH")
        if !known {
            try findings.warn(
                .unknownService, service.offset, P.service,
                "the service code \"\(text(service))\" is not one NAPAS defines (QRIBFTTA, QRIBFTTC, QRPUSH, "
                    + "QRCASH); the payer's bank may refuse it")
        }
        let bank = BankDirectory.index(ofBIN: bytes, index.bin)
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
            throw VietQRError(
                code: .invalidInitiation, offset: index.initiation.offset, path: P.initiation,
                message: "01 is \"\(text(index.initiation))\"; it must be 11 (static) or 12 (dynamic)")
        }
        // 52 is in the NAPAS table but every bank's transfer code omits it (Fixtures/VietQR/valid.tsv).
        if !index.merchantCategory.isPresent {
            try findings.warn(
                .merchantCategoryAbsent, rootEnd, P.merchantCategory,
                "the merchant category code (52) is absent, as banks leave it out of transfer codes")
        } else if index.merchantCategory.count != 4 || !isDigits(index.merchantCategory) {
            throw VietQRError(
                code: .invalidMerchantCategory, offset: index.merchantCategory.offset, path: P.merchantCategory,
                message: "52 is \"\(text(index.merchantCategory))\"; a merchant category code is 4 digits")
        }
        // 53 = 704 and 58 = VN (NAPAS field table).
        guard index.currency.isPresent else {
            throw missing(P.currency, at: rootEnd, "the currency (53) is absent; VietQR carries 704, the dong")
        }
        guard equals(index.currency, "704") else {
            throw VietQRError(
                code: .invalidCurrency, offset: index.currency.offset, path: P.currency,
                message: "53 is \"\(text(index.currency))\"; VietQR payments are in dong, 704")
        }
        guard index.country.isPresent else {
            throw missing(P.country, at: rootEnd, "the country (58) is absent; VietQR carries VN")
        }
        guard equals(index.country, "VN") else {
            throw VietQRError(
                code: .invalidCountry, offset: index.country.offset, path: P.country,
                message: "58 is \"\(text(index.country))\"; VietQR codes carry VN")
        }
        let amount = index.amount
        if amount.isPresent {
            guard isAmount(amount, limit: VietQRLimits.amount) else {
                throw VietQRError(
                    code: .invalidAmount, offset: amount.offset, path: P.amount,
                    message: "the amount in 54 is \"\(text(amount))\"; it must be digits with at most one '.', "
                        + "13 characters at most")
            }
            if isZero(amount) {
                try findings.warn(.zeroAmount, amount.offset, P.amount, "the amount in 54 is zero")
            }
            if isStatic {
                // Seen in VietQR.vn transaction codes and old napas-qr-python output (Fixtures: static-amount).
                try findings.warn(
                    .staticWithAmount, amount.offset, P.amount,
                    "a static code (01 = 11) carries an amount (\(text(amount))); static codes usually leave "
                        + "it to the payer")
            }
        } else if !isStatic && !equals(index.service, "QRCASH") {
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
                throw VietQRError(
                    code: .invalidAmount, offset: index.fixedFee.offset, path: P.fixedFee,
                    message: "the fee in 56 is \"\(text(index.fixedFee))\"; it must be an amount")
            }
            return
        }
        if equals(tip, "03") {
            guard index.percentageFee.isPresent else {
                throw missing(P.percentageFee, at: rootEnd, "55 = 03 asks for a percentage fee, but 57 is absent")
            }
            guard isAmount(index.percentageFee, limit: VietQRLimits.percentage) else {
                throw VietQRError(
                    code: .invalidTip, offset: index.percentageFee.offset, path: P.percentageFee,
                    message: "the percentage in 57 is \"\(text(index.percentageFee))\"; it must be a number "
                        + "of at most 5 characters, such as 3.5")
            }
            return
        }
        throw VietQRError(
            code: .invalidTip, offset: tip.offset, path: P.tip,
            message: "55 is \"\(text(tip))\"; it must be 01 (prompt), 02 (fixed fee) or 03 (percentage)")
    }

    // MARK: Text fields

    func checkMerchant(_ findings: inout Findings) throws(VietQRError) {
        try checkText(index.merchantName, P.merchantName, limit: VietQRLimits.merchantName, &findings)
        try checkText(index.merchantCity, P.merchantCity, limit: VietQRLimits.merchantCity, &findings)
        try checkText(index.postalCode, P.postalCode, limit: VietQRLimits.postalCode, &findings)
    }

    func checkAdditionalData(_ findings: inout Findings) throws(VietQRError) {
        guard index.additionalTemplate.isPresent else { return }
        for tag in 1...9 {
            let path = P.additionalTemplate.appending(tag)
            try checkText(index[additional: tag], path, limit: VietQRLimits.additional, &findings)
        }
    }

    /// EMVCo "ans" fields: printable ASCII within the limit. Real codes break both (EVN's 31-character names,
    /// VietQR.vn's 42-character purposes, VNPay's accented names), so reading warns.
    @inline(__always)
    func checkText(_ span: Span, _ path: TagPath, limit: Int, _ findings: inout Findings) throws(VietQRError) {
        guard span.isPresent else { return }
        // One pass: printable ASCII counts itself; otherwise count the characters.
        let printable = isPrintableASCII(span)
        let length = printable ? span.count : characterCount(span)
        if length > limit {
            try findings.warn(
                .fieldTooLong, span.offset, path,
                "\(path) is \(length) characters long; the limit is \(limit), and some banking apps cut it")
        }
        if !printable {
            try findings.warn(
                .invalidCharacters, span.offset, path,
                "\(path) holds \"\(text(span))\", which is not printable ASCII; banking apps may garble it "
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
            throw VietQRError(
                code: .invalidLanguage, offset: index.language.offset, path: P.language,
                message: "64.00 is \"\(text(index.language))\"; it must be an ISO 639-1 code such as vi or en")
        }
        guard index.languageName.isPresent else {
            throw missing(P.languageName, at: Int(template.end), "tag 64 has no merchant name (64.01)")
        }
        for (span, path, limit) in [
            (index.languageName, P.languageName, VietQRLimits.languageName),
            (index.languageCity, P.languageCity, VietQRLimits.languageCity),
        ] where span.isPresent && characterCount(span) > limit {
            try findings.warn(
                .fieldTooLong, span.offset, path,
                "\(path) is \(characterCount(span)) characters long; the limit is \(limit)")
        }
    }

    // MARK: Helpers

    func missing(_ path: TagPath, at offset: Int, _ message: String) -> VietQRError {
        VietQRError(code: .missingField, offset: offset, path: path, message: message)
    }

    @inline(__always)
    func bytes(_ span: Span) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(span.start)..<Int(span.end)])
    }

    func text(_ span: Span) -> String {
        String(decoding: bytes(span), as: UTF8.self)
    }

    @inline(__always)
    func equals(_ span: Span, _ value: StaticString) -> Bool {
        let v = bytes(span)
        guard v.count == value.utf8CodeUnitCount else { return false }
        let s = value.utf8Start
        for i in 0..<v.count where v[i] != s[i] { return false }
        return true
    }

    @inline(__always)
    func isDigits(_ span: Span) -> Bool {
        bytes(span).allSatisfy { $0 &- 0x30 < 10 }
    }

    @inline(__always)
    func isAlphanumeric(_ span: Span) -> Bool {
        bytes(span).allSatisfy { $0 &- 0x30 < 10 || ($0 | 0x20) &- 0x61 < 26 }
    }

    @inline(__always)
    func isLowercaseLetters(_ span: Span) -> Bool {
        bytes(span).allSatisfy { $0 &- 0x61 < 26 }
    }

    @inline(__always)
    func isPrintableASCII(_ span: Span) -> Bool {
        bytes(span).allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Characters counted as Unicode scalars: every byte that does not continue a UTF-8 sequence.
    @inline(__always)
    func characterCount(_ span: Span) -> Int {
        bytes(span).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// An EMVCo amount: a digit, then digits with at most one ".", within `limit` characters.
    @inline(__always)
    func isAmount(_ span: Span, limit: Int) -> Bool {
        VietQRAmount.isWellFormed(bytes(span), limit: limit)
    }

    @inline(__always)
    func isZero(_ span: Span) -> Bool {
        bytes(span).allSatisfy { $0 == 0x30 || $0 == 0x2E }
    }
}
