import EMVQR

// Reading holds a payload to the NAPAS rules, as VietQRRules.swift states them, in one walk of EMVQR's field table:
// the walk finds each field VietQR reads and checks it there, in the payload's bytes.
//
// When several rules break, strict reading throws the first finding, and lenient reading lists its warnings, in this
// order:
// 1. EMVQR's own warnings;
// 2. each field's own rules, in document order, as the walk meets the field; the service code's when the walk
//    leaves 38, where it is known whether it is 38.02 or 38.01.02;
// 3. then the rules on absent fields and on fields taken together, in this order: 38 and its parts (38.00, 38.01,
//    38.01.00, 38.01.01, 38.02), 01, 52 (a warning), 53, 58, the amount against the point of initiation, the fee
//    55 asks for (56 or 57), and 64's parts (64.00, 64.01).

/// Collects what validation finds: whether anything deviates (the fast path), every warning, or the first one
/// as an error (strict reading).
struct Findings {
    enum Mode { case flag, collect, strict }

    let mode: Mode
    var found = false
    /// Where collecting appends: the caller's list, so that flagging and strict reading hold no array to release.
    private let list: UnsafeMutablePointer<[VietQRWarning]>?

    /// Findings that flag a deviation, or throw the first one (`strict`).
    init(strict: Bool) {
        self.mode = strict ? .strict : .flag
        self.list = nil
    }

    /// Findings that append every warning to `list`.
    init(collectingInto list: UnsafeMutablePointer<[VietQRWarning]>) {
        self.mode = .collect
        self.list = list
    }

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
        case .collect: list?.pointee.append(warning)
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
    /// Reads `emv`'s fields into `index` and checks the rules, in one walk; returns the bank's index in the
    /// directory, or -1.
    ///
    /// The fields are found and checked in place, in EMVQR's field table and the payload's bytes: nothing is copied
    /// and nothing allocated unless something is reported.
    ///
    /// - Returns: `nil` when `mayNest` and 38.01, under NAPAS's GUID, is a plain value: the payload was read without
    ///   VietQR's ``nesting``, and must be read again with it. The walk stops at 38 then.
    static func read(
        _ emv: EMVPayload, into index: inout FieldIndex, mayNest: Bool, _ findings: inout Findings
    ) throws(VietQRError) -> Int? {
        try findings.note(emv.warnings)
        let table = emv.fieldTable
        var failure: VietQRError?
        var bank: Int?
        emv.bytes.withUnsafeBufferPointer { buffer in
            var pass = ReadingPass(bytes: PayloadBytes(buffer: buffer))
            do throws(VietQRError) {
                if try pass.walk(table, mayNest: mayNest, &findings) {
                    try pass.finish(&findings)
                    bank = pass.bank
                }
            } catch {
                failure = error
            }
            index = pass.index
        }
        if let failure { throw failure }
        return bank
    }
}

/// One reading of a payload: the walk of its field table, then the checks on what is absent and on fields together.
private struct ReadingPass {
    /// The checks on values, apart from the walk's state: the walk calls them without copying itself.
    let checks: FieldChecks
    var index = FieldIndex()
    /// The bank's position in the directory, or -1.
    var bank = -1
    /// The service code's position in ``VietQRService/known``, or -1.
    var knownService = -1
    /// Whether 01 is 11.
    var isStatic = false
    /// Whether a top-level field 26–51 other than 38 was met.
    var carriesOtherScheme = false

    init(bytes: PayloadBytes) {
        self.checks = FieldChecks(bytes: bytes)
    }

    typealias Span = FieldIndex.Span
    typealias Field = EMVFieldTable.Field
    typealias Table = EMVPayload.FieldTable
    typealias P = VietQRPaths

    // MARK: The walk

    /// The top-level fields one by one, and the children of 38, 62 and 64 in loops of their own (62.50–99 are
    /// templates whose children do not count), stepping over the subtrees of templates VietQR does not read.
    ///
    /// - Returns: false when it stopped at 38 because 38.01 must be read as fields first (see
    ///   `VietQRPayload.read`).
    mutating func walk(_ table: Table, mayNest: Bool, _ findings: inout Findings) throws(VietQRError) -> Bool {
        var i = 0
        let count = table.count
        while i < count {
            let field = table[i]
            // A field's subtree always ends after it; the guard keeps a malformed table from looping.
            let next = max(field.descendants.upperBound, i &+ 1)
            let span = Span(field)
            switch field.tag {
            case 0: break  // the payload format indicator, which EMVQR has checked
            case 1:
                if Self.record(span, in: &index.initiation) { isStatic = try checks.checkInitiation(span) }
            case 38:
                if !index.napas.isPresent {
                    index.napas = span
                    try readNAPAS(table, field.descendants, &findings)
                    // 38.00 is NAPAS's GUID where it is present: another one was refused.
                    if mayNest && index.beneficiary.isPresent && !index.beneficiaryIsTemplate && index.guid.isPresent {
                        return false
                    }
                    try checkService(&findings)
                }
            case 26...51:
                carriesOtherScheme = true
                // Another scheme's merchant account, such as VNPay's 26 (GUID A000000775, EMVScheme.vnpay).
                if field.isTemplate { try Self.warnOfOtherScheme(field.tag, at: field.offset, &findings) }
            case 52:
                if Self.record(span, in: &index.merchantCategory) { try checks.require(.merchantCategory, span) }
            case 53:
                if Self.record(span, in: &index.currency) { try checks.require(.currency, span) }
            case 54:
                if Self.record(span, in: &index.amount) { try checks.checkAmount(span, &findings) }
            case 55:
                if Self.record(span, in: &index.tip) { try checks.checkTip(span) }
            case 56: _ = Self.record(span, in: &index.fixedFee)
            case 57: _ = Self.record(span, in: &index.percentageFee)
            case 58:
                if Self.record(span, in: &index.country) { try checks.require(.country, span) }
            case 59:
                if Self.record(span, in: &index.merchantName) { try checks.checkText(span, .merchantName, &findings) }
            case 60:
                if Self.record(span, in: &index.merchantCity) { try checks.checkText(span, .merchantCity, &findings) }
            case 61:
                if Self.record(span, in: &index.postalCode) { try checks.checkText(span, .postalCode, &findings) }
            case 62:
                if !index.additionalSeen {
                    index.additionalSeen = true
                    try readAdditionalData(table, field.descendants, &findings)
                }
            case 64:
                if Self.record(span, in: &index.languageTemplate) {
                    try readLanguageTemplate(table, field.descendants, &findings)
                }
            default: break
            }
            i = next
        }
        return true
    }

    /// 38's children: 38.00, 38.01 with its own children, 38.02 (NAPAS §2; research notes in
    /// Docs.docc/VietQRRules.md).
    private mutating func readNAPAS(
        _ table: Table, _ children: Range<Int>, _ findings: inout Findings
    ) throws(VietQRError) {
        try Self.forEachChild(table, children) { (field) throws(VietQRError) in
            let span = Span(field)
            switch field.tag {
            case 0:
                // NAPAS's application identifier, registered with ISO/IEC 7816-5 (RID A000000727).
                if Self.record(span, in: &index.guid) && !checks.bytes.isNAPASGUID(span) {
                    throw checks.failure(
                        .wrongGUID, at: span.offset, P.guid,
                        "38.00 is \"\(checks.text(span))\"; a VietQR code carries NAPAS's GUID "
                            + "\(VietQRPayload.napasGUID) there")
                }
            case 1:
                // A second 38.01 is ignored, children and all. EMVQR reads 38.01 as a template only under NAPAS's
                // GUID, as VietQR declares it; otherwise it has no children.
                if Self.record(span, in: &index.beneficiary) {
                    index.beneficiaryIsTemplate = field.isTemplate
                    try readBeneficiary(table, field.descendants, &findings)
                }
            case 2:
                // 38.02 wins over a service code nested in 38.01.
                if !index.service.isPresent || index.serviceIsNested {
                    index.service = span
                    index.serviceIsNested = false
                }
            default: break
            }
        }
    }

    /// 38.01's children: 38.01.00 the BIN, 38.01.01 the account, and a service code some generators put at 38.01.02.
    @inline(__always)
    private mutating func readBeneficiary(
        _ table: Table, _ children: Range<Int>, _ findings: inout Findings
    ) throws(VietQRError) {
        try Self.forEachChild(table, children) { (field) throws(VietQRError) in
            let span = Span(field)
            switch field.tag {
            case 0:
                if Self.record(span, in: &index.bin) {
                    guard let bin = checks.bytes.sixDigits(span) else { throw checks.refusal(.bin, span) }
                    bank = BankDirectory.position(of: bin)
                    if bank < 0 {
                        try findings.warn(
                            .unknownBank, span.offset, P.bin,
                            "the BIN \(checks.text(span)) is not in the bank directory; check it against the bank's own "
                                + "list")
                    }
                }
            case 1:
                if Self.record(span, in: &index.account) { try checks.require(.account, span) }
            case 2:
                if !index.service.isPresent {
                    index.service = span
                    index.serviceIsNested = true
                }
            default: break
            }
        }
    }

    /// 62.01–62.09; the rest of 62 (62.00, 62.10–99) is not VietQR's.
    private mutating func readAdditionalData(
        _ table: Table, _ children: Range<Int>, _ findings: inout Findings
    ) throws(VietQRError) {
        try Self.forEachChild(table, children) { (field) throws(VietQRError) in
            let tag = field.tag
            if tag >= 1 && tag <= 9 && !index[additional: tag].isPresent {
                let span = Span(field)
                index[additional: tag] = span
                try checks.checkText(span, .additional(tag), &findings)
            }
        }
    }

    /// 64 (EMVCo 4.9): 00 the language, 01 the name, 02 the city.
    private mutating func readLanguageTemplate(
        _ table: Table, _ children: Range<Int>, _ findings: inout Findings
    ) throws(VietQRError) {
        try Self.forEachChild(table, children) { (field) throws(VietQRError) in
            let span = Span(field)
            switch field.tag {
            case 0:
                if Self.record(span, in: &index.language) { try checks.require(.language, span) }
            case 1:
                if Self.record(span, in: &index.languageName) { try checks.checkText(span, .languageName, &findings) }
            case 2:
                if Self.record(span, in: &index.languageCity) { try checks.checkText(span, .languageCity, &findings) }
            default: break
            }
        }
    }

    @inline(never)
    private static func warnOfOtherScheme(_ tag: Int, at offset: Int, _ findings: inout Findings) throws(VietQRError) {
        try findings.warn(
            .otherScheme, offset, TagPath(tag),
            "tag \(tag) carries another scheme's merchant account beside VietQR's 38; apps may pick either")
    }

    /// Calls `body` with each of the fields at `children` that is a direct child, stepping over their own fields.
    @inline(__always)
    private static func forEachChild(
        _ table: Table, _ children: Range<Int>, _ body: (Field) throws(VietQRError) -> Void
    ) throws(VietQRError) {
        var i = children.lowerBound
        while i < children.upperBound {
            let field = table[i]
            try body(field)
            // A field's subtree always ends after it; the guard keeps a malformed table from looping.
            i = max(field.descendants.upperBound, i &+ 1)
        }
    }

    /// Records `span` in `slot` unless a field with the same tag came first; returns whether it did.
    @inline(__always)
    private static func record(_ span: Span, in slot: inout Span) -> Bool {
        guard !slot.isPresent else { return false }
        slot = span
        return true
    }

    // MARK: The service code

    /// 38.02 (or 38.01.02), once 38 has been read.
    private mutating func checkService(_ findings: inout Findings) throws(VietQRError) {
        let service = index.service
        guard service.isPresent else { return }  // reported with the other absent fields, at the end
        // Made only when something is reported.
        let isNested = index.serviceIsNested
        func servicePath() -> TagPath { isNested ? P.nestedService : P.service }
        if isNested {
            // Some generators write the service inside 38.01 (vietqr-ts's documentation and fixtures); the payee
            // is still there, and lenient reading takes the code from where it is.
            try findings.warn(
                .serviceInBeneficiary, service.offset, P.nestedService,
                "the service code \"\(checks.text(service))\" is in 38.01.02; NAPAS puts it in 38.02, beside 38.01")
        }
        guard FieldRule.service.accepts(checks.bytes, service) else {
            throw FieldRule.service.refusal(checks.text(service), at: service.offset, path: servicePath())
        }
        knownService = VietQRService.knownPosition(checks.bytes, service) ?? -1
        if knownService < 0 {
            try findings.warn(
                .unknownService, service.offset, servicePath(),
                "the service code \"\(checks.text(service))\" is not one NAPAS defines (\(VietQRService.knownList)); "
                    + "the payer's bank may refuse it")
        }
    }

    // MARK: Absent fields and fields together

    /// The rules on what is absent and on fields taken together, after the walk.
    mutating func finish(_ findings: inout Findings) throws(VietQRError) {
        try checkNAPASFields()
        // 01 is mandatory in VietQR (NAPAS field table; napas-qr-python fields.py "§5.2.2").
        guard index.initiation.isPresent else {
            throw checks.missing(
                P.initiation, at: checks.rootEnd, "the point of initiation (01) is absent; it must be 11 or 12")
        }
        // 52 is in the NAPAS table but every bank's transfer code omits it (Fixtures/VietQR/valid.tsv).
        if !index.merchantCategory.isPresent {
            try findings.warn(
                .merchantCategoryAbsent, checks.rootEnd, P.merchantCategory,
                "the merchant category code (52) is absent, as banks leave it out of transfer codes")
        }
        // 53 = 704 and 58 = VN (NAPAS field table).
        guard index.currency.isPresent else {
            throw checks.missing(
                P.currency, at: checks.rootEnd, "the currency (53) is absent; VietQR carries 704, the dong")
        }
        guard index.country.isPresent else {
            throw checks.missing(P.country, at: checks.rootEnd, "the country (58) is absent; VietQR carries VN")
        }
        let amount = index.amount
        if amount.isPresent {
            if isStatic {
                // Seen in VietQR.vn transaction codes and old napas-qr-python output (Fixtures: static-amount).
                try findings.warn(
                    .staticWithAmount, amount.offset, P.amount,
                    "a static code (01 = 11) carries an amount (\(checks.text(amount))); static codes usually leave "
                        + "it to the payer")
            }
        } else if !isStatic && (knownService < 0 || VietQRService.known[knownService].dynamicStatesAmount) {
            try findings.warn(
                .dynamicWithoutAmount, index.initiation.offset, P.initiation,
                "a dynamic code (01 = 12) has no amount (54); a code for one order usually states it")
        }
        try checkFee()
        try checkLanguageFields()
    }

    /// 38 and its parts are present (NAPAS field table).
    @inline(__always)
    private mutating func checkNAPASFields() throws(VietQRError) {
        guard index.napas.isPresent else {
            throw checks.missing(
                P.napas, at: checks.rootEnd,
                "the payload has no tag 38, NAPAS's merchant account template; it is not a VietQR code"
                    + (carriesOtherScheme ? " (it carries another scheme's template)" : ""))
        }
        let napasEnd = Int(index.napas.end)
        guard index.guid.isPresent else {
            throw checks.missing(P.guid, at: napasEnd, "tag 38 has no GUID in 38.00; VietQR's is A000000727")
        }
        guard index.beneficiary.isPresent else {
            throw checks.missing(P.beneficiary, at: napasEnd, "tag 38 has no beneficiary organisation (38.01)")
        }
        let beneficiaryEnd = Int(index.beneficiary.end)
        guard index.bin.isPresent else {
            throw checks.missing(P.bin, at: beneficiaryEnd, "38.01 has no acquirer BIN (38.01.00)")
        }
        guard index.account.isPresent else {
            throw checks.missing(P.account, at: beneficiaryEnd, "38.01 has no account or card number (38.01.01)")
        }
        guard index.service.isPresent else {
            throw checks.missing(P.service, at: napasEnd, "tag 38 has no service code (38.02), such as QRIBFTTA")
        }
    }

    /// The fee 55 asks for (EMVCo 4.7.5–4.7.6): 02 a fixed fee in 56, 03 a percentage in 57.
    @inline(__always)
    private mutating func checkFee() throws(VietQRError) {
        let tip = index.tip
        if !tip.isPresent || checks.equals(tip, "01") { return }
        if checks.equals(tip, "02") {
            guard index.fixedFee.isPresent else {
                throw checks.missing(P.fixedFee, at: checks.rootEnd, "55 = 02 asks for a fixed fee, but 56 is absent")
            }
            try checks.require(.fixedFee, index.fixedFee)
        } else {
            // 03, as the walk checked.
            guard index.percentageFee.isPresent else {
                throw checks.missing(
                    P.percentageFee, at: checks.rootEnd, "55 = 03 asks for a percentage fee, but 57 is absent")
            }
            try checks.require(.percentageFee, index.percentageFee)
        }
    }

    /// 64's 00 language and 01 name are mandatory in the template (EMVCo 4.9).
    @inline(__always)
    private mutating func checkLanguageFields() throws(VietQRError) {
        let template = index.languageTemplate
        guard template.isPresent else { return }
        guard index.language.isPresent else {
            throw checks.missing(P.language, at: Int(template.end), "tag 64 has no language (64.00)")
        }
        guard index.languageName.isPresent else {
            throw checks.missing(P.languageName, at: Int(template.end), "tag 64 has no merchant name (64.01)")
        }
    }
}

/// The checks on one field's value, in the payload's bytes, and the errors they report.
private struct FieldChecks {
    let bytes: PayloadBytes

    typealias Span = FieldIndex.Span
    typealias P = VietQRPaths

    /// Where a field missing from the root would have to be: before the CRC.
    var rootEnd: Int { bytes.buffer.count - 8 }

    /// 01: 11 or 12 (NAPAS field table; napas-qr-python fields.py "§5.2.2").
    /// - Returns: Whether it is 11, static.
    @inline(__always)
    func checkInitiation(_ span: Span) throws(VietQRError) -> Bool {
        let isStatic = equals(span, "11")
        guard isStatic || equals(span, "12") else {
            throw failure(
                .invalidInitiation, at: span.offset, P.initiation,
                "01 is \"\(text(span))\"; it must be 11 (static) or 12 (dynamic)")
        }
        return isStatic
    }

    /// 54: an EMVCo amount; a zero or fractional one is kept, with a warning.
    func checkAmount(_ span: Span, _ findings: inout Findings) throws(VietQRError) {
        switch bytes.amountForm(span, limit: VietQRLimits.amount) {
        case .malformed: throw refusal(.amount, span)
        case .whole: break
        case .zero: try findings.warn(.zeroAmount, span.offset, P.amount, "the amount in 54 is zero")
        case .fractional:
            // Kept as written, never rounded; the dong has no minor unit (ISO 4217).
            try findings.warn(
                .fractionalAmount, span.offset, P.amount,
                "the amount in 54 is \(text(span)), not a whole number of dong; it is kept as written")
        }
    }

    /// 55 (EMVCo 4.7.4): 01, 02 or 03; the fee it asks for is checked at the end.
    @inline(__always)
    func checkTip(_ span: Span) throws(VietQRError) {
        guard equals(span, "01") || equals(span, "02") || equals(span, "03") else {
            throw failure(
                .invalidTip, at: span.offset, P.tip,
                "55 is \"\(text(span))\"; it must be 01 (prompt), 02 (fixed fee) or 03 (percentage)")
        }
    }

    /// The value at `span`, which `rule` must accept.
    @_transparent
    func require(_ rule: FieldRule, _ span: Span) throws(VietQRError) {
        guard rule.accepts(bytes, span) else { throw refusal(rule, span) }
    }

    /// A text field within its limit and alphabet (``TextRule``). Real codes break both (EVN's 31-character names,
    /// VietQR.vn's 42-character purposes, VNPay's accented names), so reading warns.
    @inline(__always)
    func checkText(_ span: Span, _ rule: TextRule, _ findings: inout Findings) throws(VietQRError) {
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
        } else if !rule.acceptsLetters(bytes, span) {
            try findings.warn(.invalidCharacters, span.offset, rule.path, rule.lettersRefusal(text(span)))
        }
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
