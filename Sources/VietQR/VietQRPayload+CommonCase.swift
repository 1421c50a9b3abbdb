import EMVQR

// The hot path: a VietQR payment of the usual shape, checked over the field index with nothing to report. Anything
// else (a broken rule, a field the usual shape lacks, any warning but the usual ones) hands over to the full rules in
// VietQRPayload+Validation.swift, which say exactly what they found. The two agree on every payload the common case
// accepts: the bank, and whether there is anything to warn of. The tests check that they do.
//
// The usual shape: 01, 38 with NAPAS's GUID, BIN, account and one of the four services, 53, 58, and any of 52, 54,
// 59–61 and 62.01–09 with nothing to warn of; no tip (55), no tag 64, no other scheme's template. The usual warnings
// are the ones banks' own codes carry: 52 absent, a static code with an amount, a dynamic one without.

extension VietQRPayload {
    /// The bank's position in the directory and whether the rules warn, for a payment of the usual shape; `nil` to
    /// hand over to the full rules.
    static func readCommonCase(_ emv: EMVPayload) -> (bank: Int, warns: Bool)? {
        // EMVCo warnings (a repeated tag among them) go to the full rules, which pass them on.
        guard emv.warnings.isEmpty else { return nil }
        let index = FieldIndex(emv)
        guard index.otherTemplates == 0, !index.tip.isPresent, !index.languageTemplate.isPresent else { return nil }
        return emv.bytes.withUnsafeBufferPointer { buffer in
            commonCase(index, PayloadBytes(buffer: buffer))
        }
    }

    /// The rules of VietQRPayload+Validation.swift, for the fields of `index`; `nil` wherever they would report
    /// anything but the usual warnings.
    private static func commonCase(_ index: FieldIndex, _ bytes: PayloadBytes) -> (bank: Int, warns: Bool)? {
        // The BIN is found only under 38.01, which EMVQR reads as a template only under NAPAS's GUID.
        guard bytes.isNAPASGUID(index.guid), index.bin.count == 6, let number = bytes.number(index.bin) else {
            return nil
        }
        let bank = BankDirectory.position(of: number)
        let account = index.account
        guard bank >= 0, account.count >= 1, account.count <= VietQRLimits.account, bytes.isAlphanumeric(account)
        else { return nil }
        // The short values compared as words; the length keeps a shorter value padded with NULs from matching.
        let serviceCount = index.service.count
        guard let service = bytes.word(index.service) else { return nil }
        let isCash = serviceCount == 6 && service == Literal.qrcash
        guard
            isCash || (serviceCount == 8 && (service == Literal.qribftta || service == Literal.qribfttc))
                || (serviceCount == 6 && service == Literal.qrpush)
        else { return nil }
        guard index.initiation.count == 2, index.currency.count == 3, index.country.count == 2,
            let initiation = bytes.word(index.initiation), bytes.word(index.currency) == Literal.dong,
            bytes.word(index.country) == Literal.vietnam
        else { return nil }
        let isStatic = initiation == Literal.static
        guard isStatic || initiation == Literal.dynamic else { return nil }
        var warns = false
        let category = index.merchantCategory
        if !category.isPresent {
            warns = true  // merchantCategoryAbsent
        } else if category.count != 4 || !bytes.isDigits(category) {
            return nil
        }
        let amount = index.amount
        if amount.isPresent {
            guard bytes.isAmount(amount, limit: VietQRLimits.amount), !bytes.isZero(amount) else { return nil }
            warns = warns || isStatic  // staticWithAmount
        } else if !isStatic && !isCash {
            warns = true  // dynamicWithoutAmount
        }
        // The "ans" fields, each printable ASCII within its limit.
        guard isText(index.merchantName, VietQRLimits.merchantName, bytes),
            isText(index.merchantCity, VietQRLimits.merchantCity, bytes),
            isText(index.postalCode, VietQRLimits.postalCode, bytes)
        else { return nil }
        var present = index.additionalPresent
        while present != 0 {
            let tag = present.trailingZeroBitCount
            present &= present - 1
            guard isText(index[additional: tag], VietQRLimits.additional, bytes) else { return nil }
        }
        return (bank, warns)
    }

    /// An absent field, or an EMVCo "ans" field with nothing to warn of: printable ASCII within `limit`.
    private static func isText(_ span: FieldIndex.Span, _ limit: Int, _ bytes: PayloadBytes) -> Bool {
        !span.isPresent || (span.count <= limit && bytes.isPrintableASCII(span))
    }
}

/// The values the common case compares, as `PayloadBytes.word` reads them: first byte lowest.
private enum Literal {
    /// "QRIBFTTA", transfer to an account.
    static var qribftta: UInt64 { 0x4154_5446_4249_5251 }
    /// "QRIBFTTC", transfer to a card.
    static var qribfttc: UInt64 { 0x4354_5446_4249_5251 }
    /// "QRPUSH", merchant payment.
    static var qrpush: UInt64 { 0x4853_5550_5251 }
    /// "QRCASH", cash withdrawal.
    static var qrcash: UInt64 { 0x4853_4143_5251 }
    /// "11", a static code.
    static var `static`: UInt64 { 0x3131 }
    /// "12", a dynamic code.
    static var dynamic: UInt64 { 0x3231 }
    /// "704", the dong.
    static var dong: UInt64 { 0x34_3037 }
    /// "VN".
    static var vietnam: UInt64 { 0x4E56 }
}
