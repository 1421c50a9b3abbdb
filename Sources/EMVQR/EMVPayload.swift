// An EMVCo Merchant-Presented Mode payload:
//
//     payload  = field* crc-field
//     field    = id length value
//     id       = 2DIGIT                      ; 00–99
//     length   = 2DIGIT                      ; 00–99, in UTF-8 bytes (or characters, see LengthUnit)
//     value    = primitive / 1*field         ; templates: 26–51, 62, 64, 80–99 (see EMVGrammar)
//     crc-field = "6304" 4HEXDIG             ; CRC-16/CCITT-FALSE over every byte before the 4 digits
//
// Tag 00 (payload format indicator) comes first, tag 63 last, and the whole is at most 512 long.

/// A parsed EMVCo Merchant-Presented Mode payload.
///
/// Parsing reads the bytes once and records every field in a flat array, in document order; no value is copied.
/// ``fields``, ``subscript(_:)-(Int)`` and ``subscript(_:)-(TagPath)`` hand out ``EMVField`` views whose ``EMVField/value`` is a slice of ``bytes``.
///
/// ```swift
/// let payload = try EMVPayload(parsing: "00020101021238570010A000000727...6304AE7E")
/// payload[54]?.string              // "50000"
/// payload["62.08"]?.string         // "Thanh toan"
/// payload.schemes.first?.name      // "VietQR"
/// ```
///
/// Reading is lenient by default: it accepts what real wallets and banks emit and lists each deviation in
/// ``warnings``. ``ReadingMode/strict`` throws instead.
public struct EMVPayload: Sendable {
    /// The payload's bytes, exactly as given.
    public let bytes: ArraySlice<UInt8>
    /// Deviations that lenient reading accepted, in the order they were met.
    public var warnings: [EMVQRWarning] { notes?.warnings ?? [] }
    /// How the payload's lengths count non-ASCII values.
    public var lengthUnit: LengthUnit { notes?.characterLengths == nil ? .utf8Bytes : .characters }
    /// What only the explaining parser finds; `nil` for a payload the quick check read (no warnings, lengths in
    /// bytes), which then holds no reference beyond its bytes and its fields.
    @usableFromInline let notes: Notes?
    /// Every field in document order, depth first; the first ``fieldCount`` are this payload's (a reader's room may
    /// hold more). An array of values: sharing it across tasks is safe by construction.
    @usableFromInline let nodes: [EMVNode]

    /// How a reader treats deviations that real payloads contain.
    public enum ReadingMode: Sendable, Hashable {
        /// Accept real-world deviations and report them as ``EMVPayload/warnings``.
        case lenient
        /// Reject every deviation with an ``EMVQRError``.
        case strict
    }

    /// What a length counts.
    ///
    /// For ASCII payloads the two agree. EMVCo's own sample with Chinese text in tag 64 counts characters (Unicode
    /// scalars); most other issuers count UTF-8 bytes. A reader accepts a payload that is consistent under exactly
    /// one of them; where both fit, bytes win.
    public enum LengthUnit: String, Sendable, Hashable {
        /// Lengths count UTF-8 bytes.
        case utf8Bytes
        /// Lengths count Unicode scalars.
        case characters
    }

    /// The EMVCo maximum payload length.
    public static let maximumLength = 512

    /// The number of fields at every level.
    public let fieldCount: Int

    /// The warnings of a payload the explaining parser read, and where its lengths count characters, each field's
    /// declared length (which its bytes no longer give).
    @usableFromInline
    struct Notes: Sendable {
        var warnings: [EMVQRWarning]
        @usableFromInline var characterLengths: [UInt8]?
    }

    @inlinable
    init(bytes: ArraySlice<UInt8>, nodes: [EMVNode], fieldCount: Int, notes: Notes?) {
        self.bytes = bytes
        self.nodes = nodes
        self.fieldCount = fieldCount
        self.notes = notes
    }

    /// The top-level fields, in order.
    public var fields: EMVField.Children {
        EMVField.Children(payload: self, startIndex: 0, endIndex: fieldCount)
    }

    /// The first top-level field with `tag`, if any.
    public subscript(tag: Int) -> EMVField? {
        fields.first { $0.tag == tag }
    }

    /// The field at `path`, if any: `payload["62.08"]`. Where a tag repeats, the first one counts.
    public subscript(path: TagPath) -> EMVField? {
        var level = fields
        var found: EMVField?
        for depth in 0..<path.count {
            guard let field = level.first(where: { $0.tag == path[depth] }) else { return nil }
            found = field
            level = field.children
        }
        return found
    }

    /// The CRC as tag 63 states it.
    public var crc: UInt16 {
        // Parsing checked that the last field is 63 with four hex digits.
        CRC16.hexValue(ofDigits: nodes[fieldCount - 1].value(in: bytes))?.value ?? 0
    }

    /// Every field, depth first, in document order, as the parser recorded it: tag, depth, offsets and the range
    /// of its descendants, without a view of the payload per field.
    ///
    /// ```swift
    /// let table = payload.fieldTable
    /// var i = 0
    /// while i < table.count {
    ///     let field = table[i]
    ///     if field.tag == 54 { amount = payload.bytes[...] }
    ///     i = field.descendants.upperBound   // the next field at this level
    /// }
    /// ```
    @inlinable
    public var fieldTable: FieldTable {
        FieldTable(nodes: nodes, count: fieldCount, characterLengths: notes?.characterLengths)
    }

    /// A payload's fields as records, depth first, in document order; see ``EMVPayload/fieldTable``.
    public struct FieldTable: RandomAccessCollection, Sendable {
        @usableFromInline let nodes: [EMVNode]
        @usableFromInline let characterLengths: [UInt8]?
        /// The number of fields at every level.
        public let count: Int

        @inlinable
        init(nodes: [EMVNode], count: Int, characterLengths: [UInt8]?) {
            self.nodes = nodes
            self.count = count
            self.characterLengths = characterLengths
        }

        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { count }

        /// The field at `index`, 0 ..< ``count``.
        @inlinable
        public subscript(index: Int) -> EMVFieldTable.Field {
            precondition(index >= 0 && index < count, "EMVPayload.FieldTable index out of range")
            return EMVFieldTable.Field(nodes[index], at: index, characterLengths: characterLengths)
        }
    }

    /// Every field, depth first, in document order.
    public var allFields: [EMVField] {
        (0..<fieldCount).map { EMVField(payload: self, index: $0) }
    }

    /// Writes the fields back out as they were read: the same tags, lengths and values, tag 63 included.
    ///
    /// Every payload that parses comes back byte for byte.
    ///
    /// - Returns: The serialized payload.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for field in fields { field.write(into: &out) }
        return out
    }
}

/// Room for the fields of a payload of `count` bytes: every field takes at least four header bytes.
@inlinable @inline(__always)
func fieldCapacity(forPayloadOf count: Int) -> Int {
    count / 4 + 1
}

/// One field as the parser records it: 8 bytes, offsets relative to the start of the payload, written in one store.
///
///     bits  0–7   tag            bits 16–31  subtree end (the index after the last descendant)
///     bits  8–14  depth          bits 32–47  value start, in bytes
///     bit   15    template       bits 48–63  value end, in bytes
///
/// What can be derived is not stored: the header is the four bytes before the value, and a length in bytes is the
/// value's size. A length that counts characters is counted once, by the explaining parser, and kept beside the
/// records (``EMVPayload/Notes``).
///
/// Readers see it through ``EMVFieldTable/Field``.
@usableFromInline
package struct EMVNode: Sendable {
    @usableFromInline var bits: UInt64

    /// A blank record, for room not yet written.
    package static var blank: EMVNode { EMVNode(bits: 0) }

    @inline(__always)
    init(bits: UInt64) {
        self.bits = bits
    }

    /// A field from the parser's integers, which the grammar keeps within each stored width (tags under 100, depths
    /// under 3, offsets and indices within a 2,048-byte payload).
    @inline(__always)
    init(tag: Int, depth: Int, isTemplate: Bool, valueStart: Int, valueEnd: Int, subtreeEnd: Int) {
        bits =
            UInt64(truncatingIfNeeded: tag) | UInt64(truncatingIfNeeded: depth) &<< 8
            | (isTemplate ? 1 &<< 15 : 0) | UInt64(truncatingIfNeeded: subtreeEnd) &<< 16
            | UInt64(truncatingIfNeeded: valueStart) &<< 32 | UInt64(truncatingIfNeeded: valueEnd) &<< 48
    }

    @inlinable var tag: Int { Int(truncatingIfNeeded: bits & 0xFF) }
    @inlinable var depth: Int { Int(truncatingIfNeeded: bits &>> 8 & 0x7F) }
    @inlinable var isTemplate: Bool {
        get { bits & 1 &<< 15 != 0 }
        set { bits = bits & ~(1 &<< 15) | (newValue ? 1 &<< 15 : 0) }
    }
    /// The index after this field's last descendant.
    @inlinable var subtreeEnd: Int {
        get { Int(truncatingIfNeeded: bits &>> 16 & 0xFFFF) }
        set { bits = bits & ~(0xFFFF &<< 16) | UInt64(truncatingIfNeeded: newValue & 0xFFFF) &<< 16 }
    }
    /// Where the value starts, in bytes from the start of the payload.
    @inlinable var valueStart: Int { Int(truncatingIfNeeded: bits &>> 32 & 0xFFFF) }
    /// Where the value ends, in bytes from the start of the payload.
    @inlinable var valueEnd: Int { Int(truncatingIfNeeded: bits &>> 48) }
    /// Where the field's ID starts: its header is the four bytes before the value.
    @inlinable var headerOffset: Int { valueStart &- 4 }

    /// The length as written: the value's size in bytes, or where lengths count characters, `characterLengths`'s
    /// entry for the field at `index`.
    @inlinable
    func declaredLength(at index: Int, characterLengths: [UInt8]?) -> Int {
        if let characterLengths { return Int(characterLengths[index]) }
        return valueEnd &- valueStart
    }

    @inline(__always)
    func value(in bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let base = bytes.startIndex
        return bytes[(base + valueStart)..<(base + valueEnd)]
    }
}
