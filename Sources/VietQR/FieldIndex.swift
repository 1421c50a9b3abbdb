import EMVQR

/// Where each field VietQR reads sits in the payload: one pass over EMVQR's field table
/// (`EMVPayload/fieldTable`), no copies.
///
/// EMVQR has already checked the structure and recorded every field's offsets; this reads that table once, by tag
/// and depth, never by a field's position. Where a tag repeats (EMVQR warns of it), the first one counts, as in
/// `EMVPayload/subscript(_:)-(TagPath)`.
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
    /// Bit `tag - 26` for each merchant account template 26–51 other than 38.
    var otherTemplates: UInt32 = 0
    /// No field found yet.
    init() {}

    init(_ emv: borrowing EMVPayload) {
        read(emv.fieldTable)
    }

    /// Reads EMVQR's field table: the top-level fields one by one, skipping the subtrees of templates VietQR does
    /// not read, and the children of 38, 62 and 64 in loops of their own (62.50–99 are templates whose children
    /// do not count). Where a template repeats, the first one counts, and so do its children.
    mutating func read(_ nodes: EMVPayload.FieldTable) {
        var i = 0
        while i < nodes.count {
            let node = nodes[i]
            let next = node.descendants.upperBound
            let span = Span(node)
            switch node.tag {
            case 0: break  // the payload format indicator, which EMVQR has checked
            case 1: Self.record(span, in: &initiation)
            case 38:
                if !napas.isPresent {
                    napas = span
                    readNAPAS(nodes, from: i + 1, to: next)
                }
            case 26...51: otherTemplates |= 1 << UInt32(node.tag - 26)
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
                if !additionalSeen {
                    additionalSeen = true
                    Self.forEachChild(of: node, in: nodes) { child in
                        if child.tag >= 1 && child.tag <= 9 {
                            Self.record(Span(child), in: &self[additional: child.tag])
                        }
                    }
                }
            case 64:
                if !languageTemplate.isPresent {
                    languageTemplate = span
                    Self.forEachChild(of: node, in: nodes) { child in
                        switch child.tag {
                        case 0: Self.record(Span(child), in: &language)
                        case 1: Self.record(Span(child), in: &languageName)
                        case 2: Self.record(Span(child), in: &languageCity)
                        default: break
                        }
                    }
                }
            default: break
            }
            // A top-level field's subtree always ends after it; the guard keeps a malformed table from looping.
            i = max(next, i &+ 1)
        }
    }

    /// The children of 38, `nodes[start..<end]`: 38.00, 38.01 with its own children, 38.02.
    private mutating func readNAPAS(_ nodes: EMVPayload.FieldTable, from start: Int, to end: Int) {
        var i = start
        while i < end {
            let node = nodes[i]
            let next = max(node.descendants.upperBound, i + 1)
            switch node.tag {
            case 0: Self.record(Span(node), in: &guid)
            case 1:
                // A second 38.01 is ignored, children and all. EMVQR reads 38.01 as a template only under NAPAS's
                // GUID, as VietQR declares it; otherwise it has no children.
                if !beneficiary.isPresent {
                    beneficiary = Span(node)
                    beneficiaryIsTemplate = node.isTemplate
                    Self.forEachChild(of: node, in: nodes) { child in
                        switch child.tag {
                        case 0: Self.record(Span(child), in: &bin)
                        case 1: Self.record(Span(child), in: &account)
                        case 2:
                            if !service.isPresent {
                                service = Span(child)
                                serviceIsNested = true
                            }
                        default: break
                        }
                    }
                }
            case 2:
                // 38.02 wins over a service code nested in 38.01.
                if !service.isPresent || serviceIsNested {
                    service = Span(node)
                    serviceIsNested = false
                }
            default: break
            }
            i = next
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

    /// Calls `body` with each child of `parent` in turn, stepping over the children's own fields.
    @inline(__always)
    private static func forEachChild(
        of parent: EMVFieldTable.Field, in nodes: EMVPayload.FieldTable, _ body: (EMVFieldTable.Field) -> Void
    ) {
        var i = parent.descendants.lowerBound
        let end = parent.descendants.upperBound
        while i < end {
            let child = nodes[i]
            body(child)
            // A subtree always ends after its field; the guard keeps a malformed table from looping.
            i = max(child.descendants.upperBound, i &+ 1)
        }
    }

    @inline(__always)
    private static func record(_ span: Span, in slot: inout Span) {
        if !slot.isPresent { slot = span }
    }
}
