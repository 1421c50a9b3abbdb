import EMVQR

/// Where each field VietQR reads sits in the payload: one pass over the parsed fields, no copies.
///
/// Where a tag repeats (EMVQR warns of it), the first one counts, as in ``EMVPayload/subscript(_:)-(TagPath)``.
struct FieldIndex: Sendable {
    /// A field's header and value, as byte offsets from the start of the payload. Absent when `start` is 0: a
    /// value always starts after a 4-byte header.
    struct Span: Sendable {
        var header: UInt16 = 0
        var start: UInt16 = 0
        var end: UInt16 = 0

        var isPresent: Bool { start != 0 }
        var count: Int { Int(end) - Int(start) }
        var offset: Int { Int(header) }

        init() {}

        init(_ field: EMVField) {
            header = UInt16(truncatingIfNeeded: field.offset)
            start = UInt16(truncatingIfNeeded: field.valueOffset)
            end = UInt16(truncatingIfNeeded: field.valueOffset + field.value.count)
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
    /// 62.01–62.09 at indices 1–9.
    var additional = InlineArray<10, Span>(repeating: Span())
    var languageTemplate = Span()
    var language = Span()
    var languageName = Span()
    var languageCity = Span()
    var crc = Span()
    /// Bit `tag - 26` for each merchant account template 26–51 other than 38.
    var otherTemplates: UInt32 = 0

    init(_ emv: EMVPayload) {
        for field in emv.fields {
            switch field.tag {
            case 1: Self.record(field, in: &initiation)
            case 38:
                if napas.isPresent { break }
                napas = Span(field)
                for child in field.children {
                    switch child.tag {
                    case 0: Self.record(child, in: &guid)
                    case 1 where !beneficiary.isPresent:
                        beneficiary = Span(child)
                        for part in child.children {
                            if part.tag == 0 { Self.record(part, in: &bin) }
                            if part.tag == 1 { Self.record(part, in: &account) }
                        }
                    case 2: Self.record(child, in: &service)
                    default: break
                    }
                }
            case 26...51: otherTemplates |= 1 << UInt32(field.tag - 26)
            case 52: Self.record(field, in: &merchantCategory)
            case 53: Self.record(field, in: &currency)
            case 54: Self.record(field, in: &amount)
            case 55: Self.record(field, in: &tip)
            case 56: Self.record(field, in: &fixedFee)
            case 57: Self.record(field, in: &percentageFee)
            case 58: Self.record(field, in: &country)
            case 59: Self.record(field, in: &merchantName)
            case 60: Self.record(field, in: &merchantCity)
            case 61: Self.record(field, in: &postalCode)
            case 62 where !additionalTemplate.isPresent:
                additionalTemplate = Span(field)
                for child in field.children where child.tag >= 1 && child.tag <= 9 {
                    Self.record(child, in: &additional[child.tag])
                }
            case 63: crc = Span(field)
            case 64 where !languageTemplate.isPresent:
                languageTemplate = Span(field)
                for child in field.children {
                    switch child.tag {
                    case 0: Self.record(child, in: &language)
                    case 1: Self.record(child, in: &languageName)
                    case 2: Self.record(child, in: &languageCity)
                    default: break
                    }
                }
            default: break
            }
        }
    }

    private static func record(_ field: EMVField, in span: inout Span) {
        if !span.isPresent { span = Span(field) }
    }
}
