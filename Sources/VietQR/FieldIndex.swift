import EMVQR

/// Where each field VietQR reads sits in the payload, as byte offsets: no copies.
///
/// Reading (`ReadingPass`, in VietQRPayload+Validation.swift) fills it during its one walk of EMVQR's field table
/// (`EMVPayload/fieldTable`), by tag and depth, never by a field's position. Where a tag repeats (EMVQR warns of
/// it), the first one counts, as in `EMVPayload/subscript(_:)-(TagPath)`.
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

        /// The value at `range` of a payload, or of a value about to be written.
        init(_ range: Range<Int>) {
            self.start = UInt16(truncatingIfNeeded: range.lowerBound)
            self.end = UInt16(truncatingIfNeeded: range.upperBound)
        }

        /// The value of a field of EMVQR's table.
        @inline(__always)
        init(_ field: EMVFieldTable.Field) {
            self.start = UInt16(truncatingIfNeeded: field.valueRange.lowerBound)
            self.end = UInt16(truncatingIfNeeded: field.valueRange.upperBound)
        }
    }

    var initiation = Span()
    var napas = Span()
    var guid = Span()
    var beneficiary = Span()
    var bin = Span()
    var account = Span()
    /// The service code: 38.02, or where that is absent, 38.01.02.
    var service = Span()
    /// Whether 38.01 was read as fields; EMVQR reads it so only under VietQR's declared nesting.
    var beneficiaryIsTemplate = false
    /// Whether ``service`` is 38.01.02, inside 38.01 instead of at 38.02, as some generators write it.
    var serviceIsNested = false
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
    /// Whether 62 was met; where it repeats, the first one counts.
    var additionalSeen = false
    /// 62.01–62.09, by tag through ``subscript(additional:)``.
    var additional1 = Span(), additional2 = Span(), additional3 = Span(), additional4 = Span(), additional5 = Span()
    var additional6 = Span(), additional7 = Span(), additional8 = Span(), additional9 = Span()
    var languageTemplate = Span()
    var language = Span()
    var languageName = Span()
    var languageCity = Span()
    /// No field found yet.
    init() {}

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
}
