import EMVQR

// The hot path: a VietQR payment of the usual shape, checked in one pass over EMVQR's field table with nothing to
// report. Anything else (a broken rule, a field the usual shape lacks, any warning but the usual ones) hands over to
// the full rules in VietQRPayload+Validation.swift, which say exactly what they found. The two agree on every
// payload the common case accepts: the bank, and whether there is anything to warn of. The tests check that they do.
//
// The usual shape, in any order of top-level fields:
//
//     00 01 38{00 GUID, 01{00 BIN, 01 account}, 02 service} [52] 53 [54] 58 [59] [60] [61] [62{01–09}] 63
//
// plus any of 02–25 and 80–99, which no VietQR rule reads. The usual warnings are the ones banks' own codes carry:
// 52 absent, a static code with an amount, a dynamic one without.

extension VietQRPayload {
    /// The bank's position in the directory and whether the rules warn, for a payment of the usual shape; `nil` to
    /// hand over to the full rules.
    static func readCommonCase(_ emv: EMVPayload) -> (bank: Int, warns: Bool)? {
        // EMVCo warnings (a repeated tag among them) go to the full rules, which pass them on.
        guard emv.warnings.isEmpty else { return nil }
        return emv.withFieldTable { nodes in
            emv.bytes.withUnsafeBufferPointer { buffer in
                var common = CommonCase(bytes: PayloadBytes(buffer: buffer))
                return common.read(nodes)
            }
        }
    }
}

/// The fields the common case reads, found in one pass, then checked.
private struct CommonCase {
    typealias Span = FieldIndex.Span

    let bytes: PayloadBytes
    var initiation = Span()
    var bin = Span()
    var account = Span()
    var service = Span()
    var merchantCategory = Span()
    var currency = Span()
    var amount = Span()
    var country = Span()
    var hasNAPAS = false

    init(bytes: PayloadBytes) {
        self.bytes = bytes
    }

    mutating func read(_ nodes: UnsafeBufferPointer<EMVNode>) -> (bank: Int, warns: Bool)? {
        // Without EMVCo warnings no tag repeats at any level, so each field below is the only one of its tag.
        var i = 0
        while i < nodes.count {
            let node = nodes[i]
            switch node.tag {
            case 0, 2...25, 63, 80...99: break
            case 1: initiation = Span(node)
            case 38: guard readNAPAS(nodes, at: i) else { return nil }
            case 52: merchantCategory = Span(node)
            case 53: currency = Span(node)
            case 54: amount = Span(node)
            case 58: country = Span(node)
            case 59: guard isText(Span(node), limit: VietQRLimits.merchantName) else { return nil }
            case 60: guard isText(Span(node), limit: VietQRLimits.merchantCity) else { return nil }
            case 61: guard isText(Span(node), limit: VietQRLimits.postalCode) else { return nil }
            case 62:
                // 62.01–62.09, each printable within its limit.
                for child in nodes[(i + 1)..<Int(node.subtreeEnd)] {
                    guard child.tag >= 1, child.tag <= 9, isText(Span(child), limit: VietQRLimits.additional) else {
                        return nil
                    }
                }
            default:
                // Another scheme's template, a tip or fee, tag 64, a reserved tag: the full rules.
                return nil
            }
            i = max(Int(node.subtreeEnd), i + 1)
        }
        return check()
    }

    /// 38 as NAPAS writes it: 00 its GUID, 01 the beneficiary with 00 the BIN and 01 the account, then 02 the service.
    mutating func readNAPAS(_ nodes: UnsafeBufferPointer<EMVNode>, at i: Int) -> Bool {
        guard Int(nodes[i].subtreeEnd) == i + 6 else { return false }
        let guid = nodes[i + 1]
        let beneficiary = nodes[i + 2]
        let first = nodes[i + 3]
        let second = nodes[i + 4]
        let last = nodes[i + 5]
        // EMVQR makes 38.01 a template only under NAPAS's GUID, so its two children mean the GUID is NAPAS's.
        guard guid.tag == 0, beneficiary.tag == 1, beneficiary.isTemplate, first.tag == 0, first.depth == 2,
            second.tag == 1, second.depth == 2, last.tag == 2, last.depth == 1, bytes.isNAPASGUID(Span(guid))
        else { return false }
        hasNAPAS = true
        bin = Span(first)
        account = Span(second)
        service = Span(last)
        return true
    }

    /// The rules of VietQRPayload+Validation.swift, for the fields found; `nil` wherever they would report.
    func check() -> (bank: Int, warns: Bool)? {
        guard hasNAPAS, bin.count == 6, let number = bytes.number(bin) else { return nil }
        let bank = BankDirectory.position(of: number)
        guard bank >= 0, account.count >= 1, account.count <= VietQRLimits.account, bytes.isAlphanumeric(account)
        else { return nil }
        // The short values compared as words; the length keeps a shorter value padded with NULs from matching.
        guard let service = bytes.word(service) else { return nil }
        let isCash = self.service.count == 6 && service == Literal.qrcash
        guard
            isCash || (self.service.count == 8 && (service == Literal.qribftta || service == Literal.qribfttc))
                || (self.service.count == 6 && service == Literal.qrpush)
        else { return nil }
        guard initiation.count == 2, currency.count == 3, country.count == 2, let initiation = bytes.word(initiation),
            bytes.word(currency) == Literal.dong, bytes.word(country) == Literal.vietnam
        else { return nil }
        let isStatic = initiation == Literal.static
        guard isStatic || initiation == Literal.dynamic else { return nil }
        var warns = false
        if !merchantCategory.isPresent {
            warns = true  // merchantCategoryAbsent
        } else if merchantCategory.count != 4 || !bytes.isDigits(merchantCategory) {
            return nil
        }
        if amount.isPresent {
            guard bytes.isAmount(amount, limit: VietQRLimits.amount), !bytes.isZero(amount) else { return nil }
            warns = warns || isStatic  // staticWithAmount
        } else if !isStatic && !isCash {
            warns = true  // dynamicWithoutAmount
        }
        return (bank, warns)
    }

    /// An EMVCo "ans" field with nothing to warn of: printable ASCII within `limit`.
    func isText(_ span: Span, limit: Int) -> Bool {
        span.count <= limit && bytes.isPrintableASCII(span)
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
