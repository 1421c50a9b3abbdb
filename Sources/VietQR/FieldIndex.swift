import EMVQR

/// Where each field VietQR reads sits in the payload: one pass over EMVQR's field table, no copies.
///
/// EMVQR has already checked the structure and recorded every field's offsets; this reads that table once. Where a
/// tag repeats (EMVQR warns of it), the first one counts, as in `EMVPayload/subscript(_:)-(TagPath)`.
struct FieldIndex: Sendable {
    /// A field's value, as byte offsets from the start of the payload; its header is the 4 bytes before. Absent
    /// when `start` is 0: a value always starts after a header.
    struct Span: Sendable {
        var start: UInt16 = 0
        var end: UInt16 = 0

        var isPresent: Bool { start != 0 }
        var count: Int { Int(end) - Int(start) }
        /// Where the field's header starts.
        var offset: Int { Int(start) - 4 }
        var range: Range<Int> { Int(start)..<Int(end) }

        init() {}

        init(start: Int, end: Int) {
            self.start = UInt16(truncatingIfNeeded: start)
            self.end = UInt16(truncatingIfNeeded: end)
        }
    }

    var initiation = Span()
    var napas = Span()
    var guid = Span()
    var beneficiary = Span()
    var bin = Span()
    var account = Span()
    var service = Span()
    var merchantCategory = Span()
    var currency = Span()
    var amount = Span()
    var tip = Span()
    var fixedFee = Span()
    var percentageFee = Span()
    var country = Span()
    var merchantName = Span()
    var merchantCity = Span()
    var postalCode = Span()
    var additionalTemplate = Span()
    /// 62.01–62.09, by tag through ``subscript(additional:)``.
    var additional1 = Span(), additional2 = Span(), additional3 = Span(), additional4 = Span(), additional5 = Span()
    var additional6 = Span(), additional7 = Span(), additional8 = Span(), additional9 = Span()
    var languageTemplate = Span()
    var language = Span()
    var languageName = Span()
    var languageCity = Span()
    var crc = Span()
    /// Bit `tag - 26` for each merchant account template 26–51 other than 38.
    var otherTemplates: UInt32 = 0

    init(_ emv: EMVPayload) {
        emv.withFieldTable { self.read($0) }
    }

    /// One pass over EMVQR's field table. Where a template repeats, the first one counts, and so do its children.
    private mutating func read(_ nodes: UnsafeBufferPointer<EMVNode>) {
        var top = -1  // the tag of the top-level field we are inside, when it is the first of its tag
        var middle = -1  // the tag of the depth-1 field we are inside
        for node in nodes {
            let tag = Int(node.tag)
            let span = Span(start: Int(node.valueStart), end: Int(node.valueEnd))
            switch node.depth {
            case 0:
                top = -1
                switch tag {
                case 1: Self.record(span, in: &initiation)
                case 38:
                    if !napas.isPresent {
                        napas = span
                        top = 38
                    }
                case 26...51: otherTemplates |= 1 << UInt32(tag - 26)
                case 52: Self.record(span, in: &merchantCategory)
                case 53: Self.record(span, in: &currency)
                case 54: Self.record(span, in: &amount)
                case 55: Self.record(span, in: &tip)
                case 56: Self.record(span, in: &fixedFee)
                case 57: Self.record(span, in: &percentageFee)
                case 58: Self.record(span, in: &country)
                case 59: Self.record(span, in: &merchantName)
                case 60: Self.record(span, in: &merchantCity)
                case 61: Self.record(span, in: &postalCode)
                case 62:
                    if !additionalTemplate.isPresent {
                        additionalTemplate = span
                        top = 62
                    }
                case 63: crc = span
                case 64:
                    if !languageTemplate.isPresent {
                        languageTemplate = span
                        top = 64
                    }
                default: break
                }
            case 1:
                middle = tag
                switch (top, tag) {
                case (38, 0): Self.record(span, in: &guid)
                case (38, 1):
                    // A second 38.01 is ignored, children and all.
                    if beneficiary.isPresent { middle = -1 } else { beneficiary = span }
                case (38, 2): Self.record(span, in: &service)
                case (62, 1...9): Self.record(span, in: &self[additional: tag])
                case (64, 0): Self.record(span, in: &language)
                case (64, 1): Self.record(span, in: &languageName)
                case (64, 2): Self.record(span, in: &languageCity)
                default: break
                }
            default:
                // EMVQR reads 38.01 as a template only under NAPAS's GUID.
                guard top == 38, middle == 1 else { break }
                if tag == 0 { Self.record(span, in: &bin) }
                if tag == 1 { Self.record(span, in: &account) }
            }
        }
    }

    /// The span of 62.`tag`, for tags 1–9.
    subscript(additional tag: Int) -> Span {
        get {
            switch tag {
            case 1: additional1
            case 2: additional2
            case 3: additional3
            case 4: additional4
            case 5: additional5
            case 6: additional6
            case 7: additional7
            case 8: additional8
            default: additional9
            }
        }
        set {
            switch tag {
            case 1: additional1 = newValue
            case 2: additional2 = newValue
            case 3: additional3 = newValue
            case 4: additional4 = newValue
            case 5: additional5 = newValue
            case 6: additional6 = newValue
            case 7: additional7 = newValue
            case 8: additional8 = newValue
            default: additional9 = newValue
            }
        }
    }

    @inline(__always)
    private static func record(_ span: Span, in slot: inout Span) {
        if !slot.isPresent { slot = span }
    }
}
