/// A reusable table of one payload's fields: parse payload after payload into it without allocating or
/// retaining anything.
///
/// ``EMVPayload`` is a value that owns its fields and keeps its bytes alive, so it can be stored, sent to another
/// task, and read at leisure. That ownership has a price on every parse: reference counts on the bytes and on the
/// field storage. A table is the other way round. The caller owns the bytes and the table, and the table records
/// where each field is, as byte offsets into those bytes, much as a C parser fills a caller's array. Checking a
/// day's log or a scanner's stream this way costs the parse and the checksum, nothing else.
///
/// ```swift
/// var table = EMVFieldTable()
/// for line in log {
///     do {
///         try table.parse(line)
///         if let amount = table.firstIndex(of: TagPath(54)) {
///             total += Int(String(decoding: line[table[amount].valueRange], as: UTF8.self)) ?? 0
///         }
///     } catch {
///         print(error)
///     }
/// }
/// ```
///
/// The table reads exactly as ``EMVPayload/init(parsing:mode:)-(ArraySlice<UInt8>,_)`` does: the same fields,
/// warnings, errors and length unit. Offsets are relative to the first byte parsed, so with an `ArraySlice` add its
/// `startIndex`, or use ``value(at:in:)``.
///
/// The table is not copyable: it owns room for the largest payload's fields and frees it when it goes away.
public struct EMVFieldTable: ~Copyable {
    // Room for `capacity` fields, owned by this table alone.
    private let nodes: UnsafeMutablePointer<EMVNode>
    private static var capacity: Int { fieldCapacity(forPayloadOf: EMVPayload.maximumLength) }

    /// The number of fields of the last payload parsed, at every level; 0 before the first parse and after a
    /// payload that failed.
    public private(set) var count: Int = 0
    /// The deviations lenient reading accepted in the last payload parsed.
    public private(set) var warnings: [EMVQRWarning] = []
    /// How the last payload parsed counts non-ASCII values.
    public var lengthUnit: EMVPayload.LengthUnit { characterLengths == nil ? .utf8Bytes : .characters }
    /// Each field's declared length where the last payload's lengths count characters; `nil` where they count bytes.
    private var characterLengths: [UInt8]?

    /// Makes an empty table with room for the fields of any payload up to ``EMVPayload/maximumLength``.
    public init() {
        nodes = UnsafeMutablePointer<EMVNode>.allocate(capacity: Self.capacity)
    }

    deinit {
        nodes.deallocate()
    }

    /// Parses and verifies a payload into the table, replacing what it held.
    ///
    /// - Parameters:
    ///   - bytes: The payload.
    ///   - mode: ``EMVPayload/ReadingMode/lenient`` (the default) or ``EMVPayload/ReadingMode/strict``.
    ///   - nesting: The templates schemes nest, as their modules declare them (see ``EMVNesting``); none by default.
    /// - Throws: ``EMVQRError`` naming what is wrong and where; the table is then empty.
    public mutating func parse(
        _ bytes: UnsafeRawBufferPointer,
        mode: EMVPayload.ReadingMode = .lenient,
        nesting: [EMVNesting] = []
    ) throws(EMVQRError) {
        let fields = EMVPayload.quickCheck(bytes.assumingMemoryBound(to: UInt8.self), nesting: nesting, into: nodes)
        if let fields { accept(fields) } else { try explain(ArraySlice(bytes), mode: mode, nesting: nesting) }
    }

    /// Parses and verifies a payload held in a slice, without copying it.
    ///
    /// - Parameters:
    ///   - bytes: The payload.
    ///   - mode: ``EMVPayload/ReadingMode/lenient`` (the default) or ``EMVPayload/ReadingMode/strict``.
    ///   - nesting: The templates schemes nest, as their modules declare them (see ``EMVNesting``); none by default.
    /// - Throws: ``EMVQRError`` naming what is wrong and where; the table is then empty.
    public mutating func parse(
        _ bytes: borrowing ArraySlice<UInt8>,
        mode: EMVPayload.ReadingMode = .lenient,
        nesting: [EMVNesting] = []
    ) throws(EMVQRError) {
        let nodes = self.nodes
        let fields = bytes.withUnsafeBufferPointer { EMVPayload.quickCheck($0, nesting: nesting, into: nodes) }
        if let fields { accept(fields) } else { try explain(copy bytes, mode: mode, nesting: nesting) }
    }

    /// Parses and verifies a payload held in an array.
    ///
    /// - Parameters:
    ///   - bytes: The payload.
    ///   - mode: ``EMVPayload/ReadingMode/lenient`` (the default) or ``EMVPayload/ReadingMode/strict``.
    ///   - nesting: The templates schemes nest, as their modules declare them (see ``EMVNesting``); none by default.
    /// - Throws: ``EMVQRError`` naming what is wrong and where; the table is then empty.
    public mutating func parse(
        _ bytes: [UInt8],
        mode: EMVPayload.ReadingMode = .lenient,
        nesting: [EMVNesting] = []
    ) throws(EMVQRError) {
        try parse(bytes[...], mode: mode, nesting: nesting)
    }

    /// Takes the `count` fields the quick check wrote: a payload with nothing to warn of, lengths in bytes.
    @inline(__always)
    private mutating func accept(_ count: Int) {
        self.count = count
        if !warnings.isEmpty { warnings = [] }
        if characterLengths != nil { characterLengths = nil }
    }

    /// Reads with the explaining parser and copies its fields in: errors, warnings and non-byte lengths.
    private mutating func explain(
        _ bytes: ArraySlice<UInt8>, mode: EMVPayload.ReadingMode, nesting: [EMVNesting]
    ) throws(EMVQRError) {
        count = 0
        warnings = []
        characterLengths = nil
        let payload = try EMVPayload.explain(bytes, mode: mode, nesting: nesting)
        // Every field takes at least four header bytes of a payload of at most 512 characters.
        precondition(payload.fieldCount <= Self.capacity, "EMVFieldTable: more fields than any payload can hold")
        payload.nodes.withUnsafeBufferPointer { table in
            nodes.update(from: table.baseAddress!, count: payload.fieldCount)
        }
        count = payload.fieldCount
        warnings = payload.warnings
        characterLengths = payload.notes?.characterLengths
    }

    /// The field at `index`, 0 ..< ``count``, in document order, depth first.
    public subscript(index: Int) -> Field {
        Field(node(at: index), at: index, characterLengths: characterLengths)
    }

    /// The parser's record of the field at `index`, which must be below ``count``.
    private func node(at index: Int) -> EMVNode {
        precondition(index >= 0 && index < count, "EMVFieldTable index out of range")
        return nodes[index]
    }

    /// The index of the field at `path`, if any. Where a tag repeats, the first one counts, as in
    /// ``EMVPayload/subscript(_:)-(TagPath)``.
    ///
    /// - Parameter path: For example `TagPath(62, 8)`.
    /// - Returns: An index for ``subscript(_:)``, or `nil`.
    public func firstIndex(of path: TagPath) -> Int? {
        guard path.count > 0 else { return nil }
        var first = 0
        var end = count
        var found: Int?
        for level in 0..<path.count {
            found = Self.firstIndex(of: path[level], in: nodes, from: first, to: end)
            guard let index = found else { return nil }
            first = index + 1
            end = nodes[index].subtreeEnd
        }
        return found
    }

    /// The index of the first field with `tag` among the fields at one level, `nodes[first..<end]`, stepping over
    /// their descendants; `nil` when there is none.
    private static func firstIndex(
        of tag: Int, in nodes: UnsafePointer<EMVNode>, from first: Int, to end: Int
    ) -> Int? {
        var i = first
        while i < end {
            if nodes[i].tag == tag { return i }
            i = nodes[i].subtreeEnd
        }
        return nil
    }

    /// The value of the field at `index`: a slice of `bytes`, which must be the payload last parsed.
    ///
    /// - Parameters:
    ///   - index: A field's index, 0 ..< ``count``.
    ///   - bytes: The bytes given to the last `parse(_:mode:nesting:)`.
    /// - Returns: The value's bytes.
    public func value(at index: Int, in bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        node(at: index).value(in: bytes)
    }

    /// One field's place in the payload, as the table records it.
    public struct Field: Sendable, Hashable {
        /// The ID, 0–99.
        public var tag: Int
        /// How many levels of templates enclose the field; 0 at the top level.
        public var depth: Int
        /// Whether the grammar reads the value as nested fields.
        public var isTemplate: Bool
        /// The byte offset of the field's ID.
        public var offset: Int
        /// The length as written, in the payload's ``EMVFieldTable/lengthUnit``.
        public var length: Int
        /// Where the value is, in bytes from the start of the payload.
        public var valueRange: Range<Int>
        /// The table indices of the fields nested in this one; empty for a primitive.
        public var descendants: Range<Int>

        @inlinable
        init(_ node: EMVNode, at index: Int, characterLengths: [UInt8]?) {
            self.tag = node.tag
            self.depth = node.depth
            self.isTemplate = node.isTemplate
            self.offset = node.headerOffset
            self.length = node.declaredLength(at: index, characterLengths: characterLengths)
            self.valueRange = node.valueStart..<node.valueEnd
            // A field's descendants follow it directly, up to its subtree's end.
            self.descendants = (index + 1)..<node.subtreeEnd
        }
    }
}

// The table's memory is reachable through this value alone, and the value cannot be copied: sending it to another
// task moves it.
extension EMVFieldTable: @unchecked Sendable {}
