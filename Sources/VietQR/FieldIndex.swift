import EMVQR

/// Where each field VietQR reads sits in the payload: one pass over the payload's bytes, no copies.
///
/// EMVQR has already checked the structure (IDs and lengths are digits, lengths fit, templates fill exactly), so
/// this walk re-reads headers without re-checking them; it only stays within bounds. Where a tag repeats (EMVQR
/// warns of it), the first one counts, as in `EMVPayload/subscript(_:)-(TagPath)`.
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
        let characters = emv.lengthUnit == .characters
        emv.bytes.withUnsafeBufferPointer { buffer in
            self.read(Walk(bytes: buffer, countsCharacters: characters))
        }
    }

    private mutating func read(_ walk: Walk) {
        var top = walk.fields(in: 0..<walk.bytes.count)
        while let (tag, span) = top.next() {
            switch tag {
            case 1: Self.record(span, in: &initiation)
            case 38:
                if napas.isPresent { break }
                napas = span
                var children = walk.fields(in: span.range)
                while let (child, childSpan) = children.next() {
                    switch child {
                    case 0: Self.record(childSpan, in: &guid)
                    case 1:
                        if beneficiary.isPresent { break }
                        beneficiary = childSpan
                        // EMVQR reads 38.01 as a template only under NAPAS's GUID, which comes first.
                        guard guid.isPresent, walk.equals(guid, "A000000727") else { break }
                        var parts = walk.fields(in: childSpan.range)
                        while let (part, partSpan) = parts.next() {
                            if part == 0 { Self.record(partSpan, in: &bin) }
                            if part == 1 { Self.record(partSpan, in: &account) }
                        }
                    case 2: Self.record(childSpan, in: &service)
                    default: break
                    }
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
                if additionalTemplate.isPresent { break }
                additionalTemplate = span
                var children = walk.fields(in: span.range)
                while let (child, childSpan) = children.next() {
                    if child >= 1 && child <= 9 { Self.record(childSpan, in: &self[additional: child]) }
                }
            case 63: crc = span
            case 64:
                if languageTemplate.isPresent { break }
                languageTemplate = span
                var children = walk.fields(in: span.range)
                while let (child, childSpan) = children.next() {
                    switch child {
                    case 0: Self.record(childSpan, in: &language)
                    case 1: Self.record(childSpan, in: &languageName)
                    case 2: Self.record(childSpan, in: &languageCity)
                    default: break
                    }
                }
            default: break
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

/// Reads the fields of a structure EMVQR has verified, in the payload's length unit.
struct Walk {
    let bytes: UnsafeBufferPointer<UInt8>
    let countsCharacters: Bool

    /// The fields inside `range`, in order.
    @inline(__always)
    func fields(in range: Range<Int>) -> Fields {
        Fields(walk: self, position: range.lowerBound, end: min(range.upperBound, bytes.count))
    }

    /// An iterator over the fields of one level: tag and span.
    struct Fields {
        let walk: Walk
        var position: Int
        let end: Int

        @inline(__always)
        mutating func next() -> (Int, FieldIndex.Span)? {
            guard position + 4 <= end else { return nil }
            let bytes = walk.bytes
            let tag = Int(bytes[position] &- 0x30) &* 10 &+ Int(bytes[position + 1] &- 0x30)
            let length = Int(bytes[position + 2] &- 0x30) &* 10 &+ Int(bytes[position + 3] &- 0x30)
            let start = position + 4
            let stop = min(walk.advance(from: start, by: length), end)
            position = stop
            return (tag, FieldIndex.Span(start: start, end: stop))
        }
    }

    /// The offset `length` units after `start`: bytes, or UTF-8 sequences when lengths count characters.
    @inline(__always)
    func advance(from start: Int, by length: Int) -> Int {
        guard countsCharacters else { return start + length }
        var position = start
        for _ in 0..<length where position < bytes.count {
            let lead = bytes[position]
            position += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        }
        return position
    }

    func equals(_ span: FieldIndex.Span, _ value: StaticString) -> Bool {
        guard span.count == value.utf8CodeUnitCount else { return false }
        let s = value.utf8Start
        for i in 0..<span.count where bytes[Int(span.start) + i] != s[i] { return false }
        return true
    }
}
