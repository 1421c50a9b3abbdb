import EMVQR

// Reading holds a payload to the NAPAS rules, as VietQRRules.swift states them.

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
        try keep(VietQRWarning(code: code, offset: offset, path: path(), message: message()))
    }

    private mutating func keep(_ warning: VietQRWarning) throws(VietQRError) {
        switch mode {
        case .flag: return
        case .collect: warnings.append(warning)
        case .strict: throw warning.asError
        }
    }

    /// Notes the EMVCo reading's own warnings, which come first, each wrapped with its EMVQR code.
    @inline(__always)
    mutating func note(_ warnings: [EMVQRWarning]) throws(VietQRError) {
        guard !warnings.isEmpty else { return }
        found = true
        guard mode != .flag else { return }
        for warning in warnings { try keep(VietQRWarning(warning)) }
    }
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
    var rootEnd: Int { bytes.buffer.count - 8 }

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
        guard let bin = bytes.sixDigits(index.bin) else { throw refusal(.bin, index.bin) }
        guard index.account.isPresent else {
            throw missing(P.account, at: beneficiaryEnd, "38.01 has no account or card number (38.01.01)")
        }
        guard FieldRule.account.accepts(bytes, index.account) else { throw refusal(.account, index.account) }
        let service = index.service
        // Made only when something is reported.
        let isNested = index.serviceIsNested
        func servicePath() -> TagPath { isNested ? P.nestedService : P.service }
        guard service.isPresent else {
            throw missing(P.service, at: napasEnd, "tag 38 has no service code (38.02), such as QRIBFTTA")
        }
        if isNested {
            // Some generators write the service inside 38.01 (vietqr-ts's documentation and fixtures); the payee
            // is still there, and lenient reading takes the code from where it is.
            try findings.warn(
                .serviceInBeneficiary, service.offset, P.nestedService,
                "the service code \"\(text(service))\" is in 38.01.02; NAPAS puts it in 38.02, beside 38.01")
        }
        guard FieldRule.service.accepts(bytes, service) else {
            throw FieldRule.service.refusal(text(service), at: service.offset, path: servicePath())
        }
        if VietQRService.knownPosition(bytes, service) == nil {
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
        } else if !FieldRule.merchantCategory.accepts(bytes, index.merchantCategory) {
            throw refusal(.merchantCategory, index.merchantCategory)
        }
        // 53 = 704 and 58 = VN (NAPAS field table).
        guard index.currency.isPresent else {
            throw missing(P.currency, at: rootEnd, "the currency (53) is absent; VietQR carries 704, the dong")
        }
        guard FieldRule.currency.accepts(bytes, index.currency) else { throw refusal(.currency, index.currency) }
        guard index.country.isPresent else {
            throw missing(P.country, at: rootEnd, "the country (58) is absent; VietQR carries VN")
        }
        guard FieldRule.country.accepts(bytes, index.country) else { throw refusal(.country, index.country) }
        let amount = index.amount
        if amount.isPresent {
            switch bytes.amountForm(amount, limit: VietQRLimits.amount) {
            case .malformed: throw refusal(.amount, amount)
            case .whole: break
            case .zero: try findings.warn(.zeroAmount, amount.offset, P.amount, "the amount in 54 is zero")
            case .fractional:
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
        } else if !isStatic && VietQRService.known(bytes, index.service)?.dynamicStatesAmount != false {
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
            guard FieldRule.fixedFee.accepts(bytes, index.fixedFee) else { throw refusal(.fixedFee, index.fixedFee) }
            return
        }
        if equals(tip, "03") {
            guard index.percentageFee.isPresent else {
                throw missing(P.percentageFee, at: rootEnd, "55 = 03 asks for a percentage fee, but 57 is absent")
            }
            guard FieldRule.percentageFee.accepts(bytes, index.percentageFee) else {
                throw refusal(.percentageFee, index.percentageFee)
            }
            return
        }
        throw failure(
            .invalidTip, at: tip.offset, P.tip,
            "55 is \"\(text(tip))\"; it must be 01 (prompt), 02 (fixed fee) or 03 (percentage)")
    }

    // MARK: Text fields

    func checkMerchant(_ findings: inout Findings) throws(VietQRError) {
        try checkText(index.merchantName, .merchantName, &findings)
        try checkText(index.merchantCity, .merchantCity, &findings)
        try checkText(index.postalCode, .postalCode, &findings)
    }

    func checkAdditionalData(_ findings: inout Findings) throws(VietQRError) {
        for tag in 1...9 {
            try checkText(index[additional: tag], .additional(tag), &findings)
        }
    }

    /// A text field within its limit and alphabet (``TextRule``). Real codes break both (EVN's 31-character names,
    /// VietQR.vn's 42-character purposes, VNPay's accented names), so reading warns.
    @inline(__always)
    func checkText(_ span: Span, _ rule: TextRule, _ findings: inout Findings) throws(VietQRError) {
        guard span.isPresent else { return }
        let (length, printable) = rule.measure(bytes, span)
        if length > rule.limit {
            try findings.warn(
                .fieldTooLong, span.offset, rule.path,
                "\(rule.path) is \(length) characters long; the limit is \(rule.limit), and some banking apps cut it")
        }
        if rule.isASCII && !printable {
            try findings.warn(
                .invalidCharacters, span.offset, rule.path,
                "\(rule.path) holds \"\(text(span))\", which is not printable ASCII; banking apps may garble it "
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
        guard FieldRule.language.accepts(bytes, index.language) else { throw refusal(.language, index.language) }
        guard index.languageName.isPresent else {
            throw missing(P.languageName, at: Int(template.end), "tag 64 has no merchant name (64.01)")
        }
        try checkText(index.languageName, .languageName, &findings)
        try checkText(index.languageCity, .languageCity, &findings)
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

    /// The error for the value at `span`, which `rule` refuses.
    @inline(never)
    func refusal(_ rule: FieldRule, _ span: Span) -> VietQRError {
        rule.refusal(text(span), at: span.offset)
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
}
