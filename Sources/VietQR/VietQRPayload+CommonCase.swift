public import EMVQR

// The hot path: a VietQR payment of the usual shape, checked in one pass over EMVQR's field table, with nothing
// stored on the way. Anything else (a broken rule, a field or an order the usual shape lacks, any warning but the
// usual ones) hands over to the full rules in VietQRPayload+Validation.swift, which say exactly what they found. The
// two agree on every payload the common case accepts: the bank, and whether there is anything to warn of. The tests
// check that they do.
//
// The usual shape, as banks write it: 00, 01, then 38 as NAPAS lays it out (00 the GUID, 01 holding 00 the BIN and
// 01 the account, then 02 the service, and nothing else), then in ascending order any of 52–54, 58–62 with 53 and 58
// among them and 62 holding only 62.01–09, then 63; nothing to warn of but the usual warnings, the ones banks' own codes carry: 52
// absent, a static code with an amount, a dynamic one without. So no tip (55–57), no tag 64, no other scheme's
// template, no other tag.
//
// Every value but 63's is followed by 63's 8 bytes, so a value of up to 8 bytes is read in one load.

extension VietQRPayload {
    /// The bank's position in the directory and whether the rules warn, for a payment of the usual shape; `nil` to
    /// hand over to the full rules.
    @usableFromInline
    static func readCommonCase(_ emv: EMVPayload) -> (bank: Int, warns: Bool)? {
        // EMVCo warnings (a repeated tag among them) go to the full rules, which pass them on.
        guard emv.warnings.isEmpty else { return nil }
        return emv.bytes.withUnsafeBufferPointer { buffer in
            emv.withFieldTable { nodes in commonCase(nodes, PayloadBytes(buffer: buffer)) }
        }
    }

    /// The rules of VietQRPayload+Validation.swift, field by field as the table lists them; `nil` wherever they
    /// would report anything but the usual warnings, or the shape is not the usual one.
    ///
    /// EMVQR has checked that 00 comes first and 63 last, and that no tag repeats (it would have warned).
    private static func commonCase(
        _ nodes: UnsafeBufferPointer<EMVNode>, _ bytes: PayloadBytes
    ) -> (bank: Int, warns: Bool)? {
        typealias Span = FieldIndex.Span
        // 00, 01, and 38's six nodes: 38, 38.00, 38.01, 38.01.00, 38.01.01, 38.02; then at least 53, 58 and 63.
        let count = nodes.count
        guard count >= 11, nodes[1].tag == 1, nodes[2].tag == 38, nodes[2].subtreeEnd == 8, nodes[3].tag == 0,
            nodes[4].tag == 1, nodes[4].subtreeEnd == 7, nodes[5].tag == 0, nodes[6].tag == 1, nodes[7].tag == 2
        else { return nil }

        // 01: 11 static, 12 dynamic.
        let initiation = Span(nodes[1])
        guard initiation.count == 2 else { return nil }
        let isStatic: Bool
        switch bytes.shortWord(initiation) {
        case Literal.static: isStatic = true
        case Literal.dynamic: isStatic = false
        default: return nil
        }

        // 38: NAPAS's GUID, a BIN the directory knows, an account of letters and digits, one of the four services.
        guard bytes.isNAPASGUID(Span(nodes[3])), let number = bytes.sixDigits(Span(nodes[5])) else { return nil }
        let account = Span(nodes[6])
        guard account.count >= 1, account.count <= VietQRLimits.account, bytes.isAlphanumeric(account) else {
            return nil
        }
        let service = Span(nodes[7])
        let isCash: Bool
        switch (service.count, bytes.shortWord(service)) {
        case (6, Literal.qrcash): isCash = true
        case (6, Literal.qrpush), (8, Literal.qribftta), (8, Literal.qribfttc): isCash = false
        default: return nil
        }
        let bank = BankDirectory.position(of: number)
        guard bank >= 0 else { return nil }

        // 52–62 in ascending order, as banks write them, each tested where it would be: a chain of predictable
        // branches rather than a jump through a table per field. 53 and 58 are mandatory. Tag 63 (last, which EMVQR
        // has checked) stops the chain, so it never runs past the table.
        var i = 8
        /// Whether the field at `i` has `tag`, stepping past it if so; `nil` when it has `tag` and `isValid` refuses
        /// its value.
        @inline(__always)
        func take(_ tag: UInt8, _ isValid: (Span) -> Bool) -> Bool? {
            guard nodes[i].tag == tag else { return false }
            guard isValid(Span(nodes[i])) else { return nil }
            i &+= 1
            return true
        }
        // Mandatory fields compare `== true`, optional ones `!= nil`.
        guard let hasCategory = take(52, { $0.count == 4 && bytes.isDigits($0) }),
            take(53, { $0.count == 3 && bytes.shortWord($0) == Literal.dong }) == true,
            let hasAmount = take(54, { bytes.isAmount($0, limit: VietQRLimits.amount, nonZero: true) }),
            take(58, { $0.count == 2 && bytes.shortWord($0) == Literal.vietnam }) == true,
            // The "ans" fields 59–61, each printable ASCII within its limit.
            take(59, { isText($0, VietQRLimits.merchantName, bytes) }) != nil,
            take(60, { isText($0, VietQRLimits.merchantCity, bytes) }) != nil,
            take(61, { isText($0, VietQRLimits.postalCode, bytes) }) != nil
        else { return nil }
        if nodes[i].tag == 62 {
            // Only 62.01–09; none of them is a template, so they are the nodes that follow.
            let end = Int(nodes[i].subtreeEnd)
            i &+= 1
            while i < end {
                let child = nodes[i]
                guard child.tag &- 1 < 9, isText(Span(child), VietQRLimits.additional, bytes) else { return nil }
                i &+= 1
            }
        }
        // Anything else before 63 (a tip or fee in 55–57, 64, another template, a field out of order) goes to the
        // full rules.
        guard i == count &- 1 else { return nil }
        // merchantCategoryAbsent, staticWithAmount, dynamicWithoutAmount (a cash code needs none).
        let warns = !hasCategory || (hasAmount ? isStatic : !isStatic && !isCash)
        return (bank, warns)
    }

    /// An EMVCo "ans" field with nothing to warn of: printable ASCII within `limit`.
    @inline(__always)
    private static func isText(_ span: FieldIndex.Span, _ limit: Int, _ bytes: PayloadBytes) -> Bool {
        span.count <= limit && bytes.isPrintableASCII(span)
    }
}
/// The values the common case compares, as `PayloadBytes.shortWord` reads them: first byte lowest.
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
