extension EMVPayload {
    /// Parses a payload held in an array.
    ///
    /// - Parameters:
    ///   - bytes: The payload, for example the bytes a QR scanner returned.
    ///   - mode: ``ReadingMode/lenient`` (the default) or ``ReadingMode/strict``.
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    public init(parsing bytes: [UInt8], mode: ReadingMode = .lenient) throws(EMVQRError) {
        try self.init(parsing: bytes[...], mode: mode)
    }

    /// Parses a payload from a string's UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - string: The payload text.
    ///   - mode: ``ReadingMode/lenient`` (the default) or ``ReadingMode/strict``.
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    public init(parsing string: String, mode: ReadingMode = .lenient) throws(EMVQRError) {
        try self.init(parsing: Array(string.utf8)[...], mode: mode)
    }

    /// Parses a payload held in a slice, without copying it.
    ///
    /// A field that a scheme nests inside its merchant account template, such as VietQR's 38.01, reads as a plain
    /// value; ``init(parsing:mode:nesting:)`` reads it as fields.
    ///
    /// - Parameters:
    ///   - bytes: The payload. The parsed payload keeps this slice; its offsets count from its start.
    ///   - mode: ``ReadingMode/lenient`` (the default) or ``ReadingMode/strict``.
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    public init(parsing bytes: ArraySlice<UInt8>, mode: ReadingMode = .lenient) throws(EMVQRError) {
        try self.init(parsing: bytes, mode: mode, nesting: [])
    }

    /// Parses a payload held in a slice, without copying it, reading the templates that its schemes nest.
    ///
    /// - Parameters:
    ///   - bytes: The payload. The parsed payload keeps this slice; its offsets count from its start.
    ///   - mode: ``ReadingMode/lenient`` (the default) or ``ReadingMode/strict``.
    ///   - nesting: The templates schemes nest inside their merchant account templates, as each scheme's module
    ///     declares them (VietQR's is `VietQRPayload.nesting`).
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    public init(
        parsing bytes: ArraySlice<UInt8>,
        mode: ReadingMode = .lenient,
        nesting: [EMVNesting]
    ) throws(EMVQRError) {
        var room: [EMVNode] = []
        self = try Self.read(bytes, mode: mode, nesting: nesting, into: &room)
    }

    /// The set-up of every reading into an owning payload: the quick check into `room`, which it replaces when that
    /// is too small (with room for `capacity` fields) or shared; only a payload the quick check cannot vouch for is
    /// explained. ``EMVFieldTable`` takes the same two steps, into its own room.
    @inlinable @inline(__always)
    static func read(
        _ bytes: ArraySlice<UInt8>, mode: ReadingMode, nesting: [EMVNesting], into room: inout [EMVNode],
        capacity: Int? = nil
    ) throws(EMVQRError) -> EMVPayload {
        if let fields = quickCheck(bytes, nesting: nesting, into: &room, capacity: capacity) {
            return EMVPayload(bytes: bytes, nodes: room, fieldCount: fields, notes: nil)
        }
        return try explain(bytes, mode: mode, nesting: nesting)
    }

    /// The quick check into `room`, made afresh when it has no room for the payload's fields (then with room for
    /// `capacity`, or as many as the payload can hold). Unique once the last payload read into it has gone, so the
    /// check writes in place; otherwise the room is copied first.
    @usableFromInline
    static func quickCheck(
        _ bytes: ArraySlice<UInt8>, nesting: [EMVNesting], into room: inout [EMVNode], capacity: Int?
    ) -> Int? {
        let needed = fieldCapacity(forPayloadOf: min(bytes.count, maximumLength))
        if room.count < needed { room = Array(repeating: .blank, count: max(needed, capacity ?? 0)) }
        return room.withUnsafeMutableBufferPointer { room in
            bytes.withUnsafeBufferPointer { buffer in
                quickCheck(buffer, nesting: nesting, into: room.baseAddress!)
            }
        }
    }

    /// The parser without diagnostics: the fields of a payload that reads with no warning and with lengths in
    /// UTF-8 bytes, written into `nodes` (room for ``fieldCapacity(forPayloadOf:)`` of 512), or `nil` for any other
    /// payload, which ``explain(_:mode:nesting:)`` then reads.
    @inline(__always)
    package static func quickCheck(
        _ buffer: UnsafeBufferPointer<UInt8>,
        nesting: [EMVNesting],
        into nodes: UnsafeMutablePointer<EMVNode>
    ) -> Int? {
        let count = buffer.count
        guard count >= 4, count <= maximumLength, let base = buffer.baseAddress else { return nil }
        // Borrowed for the parse, so the parser takes no reference on the declarations.
        return nesting.withUnsafeBufferPointer { declared in
            var parser = EMVParser<UTF8ByteCount, QuickCheck>(
                base: base, count: count, strict: true, nesting: declared, nodes: nodes)
            do throws(EMVQRError) {
                try parser.parseTopLevel()
            } catch {
                return nil
            }
            return parser.nodeCount
        }
    }

    /// The parser with diagnostics: every error and warning explained, lengths in bytes or in characters.
    @usableFromInline
    package static func explain(
        _ bytes: ArraySlice<UInt8>,
        mode: ReadingMode,
        nesting: [EMVNesting]
    ) throws(EMVQRError) -> EMVPayload {
        let count = bytes.count
        guard count > 0 else {
            throw EMVQRError(code: .emptyPayload, offset: 0, path: .root, message: "the payload is empty")
        }
        // Even counted in four-byte characters, nothing longer can be within the maximum.
        guard count <= Self.maximumLength * 4 else { throw Self.oversized(count, unit: "bytes") }
        let result: Result<EMVPayload, EMVQRError> = bytes.withUnsafeBufferPointer { buffer in
            Self.parseFully(buffer.baseAddress!, count, bytes: bytes, mode: mode, nesting: nesting)
        }
        return try result.get()
    }

    private static func parseFully(
        _ base: UnsafePointer<UInt8>,
        _ count: Int,
        bytes: ArraySlice<UInt8>,
        mode: ReadingMode,
        nesting: [EMVNesting]
    ) -> Result<EMVPayload, EMVQRError> {
        if !containsNonASCII(base, count) {
            guard count <= Self.maximumLength else { return .failure(Self.oversized(count, unit: "bytes")) }
            return Explained<UTF8ByteCount>.parse(
                base, count, bytes: bytes, mode: mode, nesting: nesting, unit: .utf8Bytes)
        }
        return Self.parseNonASCII(base, count, bytes: bytes, mode: mode, nesting: nesting)
    }

    private static func parseNonASCII(
        _ base: UnsafePointer<UInt8>,
        _ count: Int,
        bytes: ArraySlice<UInt8>,
        mode: ReadingMode,
        nesting: [EMVNesting]
    ) -> Result<EMVPayload, EMVQRError> {
        let asBytes: Result<EMVPayload, EMVQRError> =
            count <= maximumLength
            ? Explained<UTF8ByteCount>.parse(base, count, bytes: bytes, mode: mode, nesting: nesting, unit: .utf8Bytes)
            : .failure(oversized(count, unit: "bytes"))
        if case .success = asBytes { return asBytes }

        let scalars = UTF8CharacterCount.scalarCount(base, count)
        guard let scalars else {
            return asBytes  // Not well-formed UTF-8: characters cannot be counted.
        }
        guard scalars <= maximumLength else {
            return .failure(oversized(scalars, unit: "characters"))
        }
        let asCharacters = Explained<UTF8CharacterCount>.parse(
            base, count, bytes: bytes, mode: mode, nesting: nesting, unit: .characters)
        switch (asBytes, asCharacters) {
        case (.failure(let byteError), .failure(let characterError)):
            // Report the reading that got further; ties go to bytes.
            if characterError.code == .crcMismatch || characterError.offset > byteError.offset {
                return .failure(characterError)
            }
            return .failure(byteError)
        case (_, .success(let payload)):
            let warning = EMVQRWarning(
                code: .characterLengths, offset: 0, path: .root,
                message: "the lengths count characters, not UTF-8 bytes; read as characters")
            if mode == .strict { return .failure(warning.asError) }
            return .success(
                EMVPayload(
                    bytes: payload.bytes, nodes: payload.nodes, fieldCount: payload.fieldCount,
                    notes: EMVPayload.Notes(
                        warnings: [warning] + payload.warnings, characterLengths: payload.notes?.characterLengths)))
        case (.success, _):
            return asBytes
        }
    }

    private static func oversized(_ length: Int, unit: String) -> EMVQRError {
        EMVQRError(
            code: .oversizedPayload, offset: maximumLength, path: .root,
            message: "the payload is \(length) \(unit) long; the EMVCo maximum is \(maximumLength)")
    }
}

/// How a parser turns a declared length into a byte count.
protocol LengthCounting {
    /// The byte offset `length` units after `start`, or `nil` when that runs past `limit`.
    static func advance(_ base: UnsafePointer<UInt8>, from start: Int, by length: Int, limit: Int) -> Int?
}

/// Lengths count UTF-8 bytes.
enum UTF8ByteCount: LengthCounting {
    @inline(__always)
    static func advance(_ base: UnsafePointer<UInt8>, from start: Int, by length: Int, limit: Int) -> Int? {
        let end = start &+ length
        return end <= limit ? end : nil
    }
}

/// Lengths count Unicode scalars of well-formed UTF-8.
enum UTF8CharacterCount: LengthCounting {
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    static func advance(_ base: UnsafePointer<UInt8>, from start: Int, by length: Int, limit: Int) -> Int? {
        var position = start
        for _ in 0..<length {
            guard position < limit else { return nil }
            position += sequenceLength(base[position])
        }
        return position <= limit ? position : nil
    }

    /// Each field's length in scalars, counted in its value: a payload that reads in characters is well-formed
    /// UTF-8, where every byte but a continuation byte starts a scalar.
    static func declaredLengths(_ base: UnsafePointer<UInt8>, _ nodes: [EMVNode]) -> [UInt8] {
        nodes.map { node in
            var scalars = 0
            for i in node.valueStart..<node.valueEnd where base[i] & 0xC0 != 0x80 { scalars += 1 }
            return UInt8(truncatingIfNeeded: scalars)
        }
    }

    /// The number of scalars, or `nil` when the bytes are not well-formed UTF-8.
    static func scalarCount(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var scalars = 0
        var iterator = UnsafeBufferPointer(start: base, count: count).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: scalars += 1
            case .emptyInput: return scalars
            case .error: return nil
            }
        }
    }
}

/// Whether the parser explains what it finds, or only tells whether a payload is of the common case.
///
/// There is one parser, ``EMVParser``. Specialised for ``QuickCheck``, each error and each warning is the same
/// placeholder, built without a message or a path: it runs first, on every payload. Specialised for ``Explanation``,
/// it builds the messages, keeps the warnings and, in lenient reading, recovers from what lenient reading accepts;
/// it runs only on a payload the quick check gave up on.
protocol EMVDiagnostics {
    static var explains: Bool { get }
}

/// Gives up at the first error or warning, without saying why.
enum QuickCheck: EMVDiagnostics {
    static var explains: Bool { false }
}

/// Says what it found and where.
enum Explanation: EMVDiagnostics {
    static var explains: Bool { true }
}

/// A set of tags 00–99 (the two words hold 0–127), indexed as the C yardstick's is: a word by the tag's high bit.
struct TagSet {
    private var words: (UInt64, UInt64) = (0, 0)

    /// Whether `tag` has a place in the set.
    @inline(__always)
    static func holds(_ tag: Int) -> Bool {
        tag >= 0 && tag < 128
    }

    /// Adds `tag`, one the set holds; whether it was there already.
    @inline(__always)
    mutating func insert(_ tag: Int) -> Bool {
        let bit: UInt64 = 1 &<< UInt64(truncatingIfNeeded: tag & 63)
        return withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.baseAddress!.assumingMemoryBound(to: UInt64.self) + (tag &>> 6 & 1)
            let was = word.pointee & bit != 0
            word.pointee |= bit
            return was
        }
    }

    /// Whether `tag`, one the set holds, is in it.
    @inline(__always)
    func contains(_ tag: Int) -> Bool {
        let bit: UInt64 = 1 &<< UInt64(truncatingIfNeeded: tag & 63)
        return (tag < 64 ? words.0 : words.1) & bit != 0
    }
}

/// The depth of the fields a template holds, as a type: each depth gets its own copy of ``EMVParser``'s loop, which
/// knows its depth and keeps only the checks that depth needs.
protocol TemplateLevel {
    static var depth: Int { get }
}

/// The children of a top-level template.
enum ChildLevel: TemplateLevel {
    static var depth: Int { 1 }
}

/// The children of a template nested in a top-level one (62.50–99, or what a scheme declares): nothing nests here.
enum GrandchildLevel: TemplateLevel {
    static var depth: Int { 2 }
}

/// The explaining parser for a length unit.
typealias Explained<Unit: LengthCounting> = EMVParser<Unit, Explanation>

/// Whether any byte is not ASCII, eight at a time.
func containsNonASCII(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    var acc: UInt64 = 0
    let raw = UnsafeRawPointer(base)
    while i &+ 8 <= count {
        acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        i &+= 8
    }
    while i < count {
        acc |= UInt64(base[i])
        i &+= 1
    }
    return acc & 0x8080_8080_8080_8080 != 0
}

/// The parser proper: one pass over raw bytes, fields appended to a flat array in document order.
struct EMVParser<Unit: LengthCounting, Diagnostics: EMVDiagnostics> {
    let base: UnsafePointer<UInt8>
    let count: Int
    let strict: Bool
    /// What the payload's schemes nest, as the caller declared it.
    let nesting: UnsafeBufferPointer<EMVNesting>
    /// Room for every field the payload can hold: each takes at least four header bytes.
    let nodes: UnsafeMutablePointer<EMVNode>
    var nodeCount = 0
    /// Where the explanation keeps its warnings, owned by its caller; `nil` in the quick check, which gives up at the
    /// first warning. The parser itself then holds no reference, and costs nothing to set up or to end.
    let warnings: UnsafeMutablePointer<[EMVQRWarning]>?

    init(
        base: UnsafePointer<UInt8>, count: Int, strict: Bool, nesting: UnsafeBufferPointer<EMVNesting>,
        nodes: UnsafeMutablePointer<EMVNode>, warnings: UnsafeMutablePointer<[EMVQRWarning]>? = nil
    ) {
        self.base = base
        self.count = count
        self.strict = strict
        self.nesting = nesting
        self.nodes = nodes
        self.warnings = warnings
    }

    static func parse(
        _ base: UnsafePointer<UInt8>,
        _ count: Int,
        bytes: ArraySlice<UInt8>,
        mode: EMVPayload.ReadingMode,
        nesting: [EMVNesting],
        unit: EMVPayload.LengthUnit
    ) -> Result<EMVPayload, EMVQRError> {
        var failure: EMVQRError?
        var warnings: [EMVQRWarning] = []
        let nodes = [EMVNode](unsafeUninitializedCapacity: fieldCapacity(forPayloadOf: count)) { room, initialized in
            nesting.withUnsafeBufferPointer { declared in
                withUnsafeMutablePointer(to: &warnings) { kept in
                    var parser = EMVParser(
                        base: base, count: count, strict: mode == .strict, nesting: declared,
                        nodes: room.baseAddress!, warnings: kept)
                    do throws(EMVQRError) {
                        try parser.parseTopLevel()
                    } catch {
                        failure = error
                    }
                    initialized = parser.nodeCount
                }
            }
        }
        if let failure { return .failure(failure) }
        let characterLengths =
            unit == .characters ? UTF8CharacterCount.declaredLengths(base, nodes) : nil
        let notes =
            warnings.isEmpty && characterLengths == nil
            ? nil : EMVPayload.Notes(warnings: warnings, characterLengths: characterLengths)
        return .success(EMVPayload(bytes: bytes, nodes: nodes, fieldCount: nodes.count, notes: notes))
    }

    /// What every error and warning is in the quick check.
    @inline(__always)
    static var gaveUp: EMVQRError {
        EMVQRError(code: EMVQRError.Code(rawValue: ""), offset: 0, path: TagPath(), message: "")
    }

    /// `explanation()` when the parser explains, the placeholder otherwise.
    @inline(__always)
    func fail(_ explanation: () -> EMVQRError) -> EMVQRError {
        Diagnostics.explains ? explanation() : Self.gaveUp
    }

    // MARK: Headers

    /// Reads "IDLL" at `position`; `nil` when any of the four bytes is not an ASCII digit.
    @inline(__always)
    static func header(_ base: UnsafePointer<UInt8>, at position: Int) -> (tag: Int, length: Int)? {
        let v = UInt32(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: position, as: UInt32.self))
        let x = v ^ 0x3030_3030  // '0'...'9' become 0...9; everything else has a high nibble or is above 9
        guard (x & 0xF0F0_F0F0) | ((x &+ 0x7676_7676) & 0x8080_8080) == 0 else { return nil }
        let tag = Int(x & 0xFF) &* 10 &+ Int((x >> 8) & 0xFF)
        let length = Int((x >> 16) & 0xFF) &* 10 &+ Int(x >> 24)
        return (tag, length)
    }

    @inline(never)
    func headerError(at position: Int, path: TagPath) -> EMVQRError {
        var bad = position
        while bad < position + 4 && base[bad] >= 0x30 && base[bad] <= 0x39 { bad += 1 }
        let at = bad < position + 2 ? path : pathWith(path, tagAt: position)
        return EMVQRError(
            code: .invalidDigit, offset: bad, path: at,
            message: at == path
                ? "byte \(bad)\(path.count == 0 ? "" : " in tag \(path)"): the ID of a field holds "
                    + "\(describe(base[bad])) where a digit belongs; IDs and lengths are two ASCII digits"
                : "tag \(at) at byte \(position): its length holds \(describe(base[bad])) at byte \(bad); "
                    + "lengths are two ASCII digits")
    }

    func pathWith(_ parent: TagPath, tagAt position: Int) -> TagPath {
        parent.appending(Int(base[position] &- 0x30) * 10 + Int(base[position + 1] &- 0x30))
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = CRC16.hexString(UInt16(byte))
        return "byte 0x\(hex.dropFirst(2))"
    }

    // MARK: Levels

    /// Reads the whole payload.
    @inline(__always)
    mutating func parseTopLevel() throws(EMVQRError) {
        // The loop keeps what it reads and writes in locals: stores to the records cannot then be taken to change
        // them.
        let base = self.base
        let nodes = self.nodes
        var n = nodeCount
        var position = 0
        var seen = TagSet()
        var crcSeen = false
        while position < count {
            guard count &- position >= 4 else { throw fail { truncated(at: position) } }
            guard let (tag, length) = Self.header(base, at: position) else {
                throw fail { headerError(at: position, path: .root) }
            }
            let valueStart = position &+ 4
            guard let valueEnd = Unit.advance(base, from: valueStart, by: length, limit: count) else {
                throw fail { overrun(tag: tag, at: position, length: length) }
            }
            if position == 0 && tag != 0 { throw fail { formatIndicatorNotFirst(tag: tag) } }
            if seen.insert(tag) {
                try quickGivesUp()
                try warnDuplicate(TagPath.root.appending(tag), at: position)
            }

            let index = n
            let isTemplate = EMVGrammar.isTopLevelTemplate(tag)
            Self.record(tag: tag, depth: 0, isTemplate: isTemplate, valueStart, valueEnd, into: nodes, count: &n)
            if isTemplate {
                // Issuers fill 80–99 as they like, and some wallets put a plain value there (MoMo's 80): lenient
                // reading keeps it as a primitive.
                nodeCount = n
                try parseTemplate(
                    ChildLevel.self, at: index, tag: tag, from: valueStart, to: valueEnd,
                    path: child(of: TagPath(), tag), keepsPlainValue: tag >= 80)
                n = nodeCount
            } else if tag == 0 {
                if !(length == 2 && base[valueStart] == 0x30 && base[valueStart &+ 1] == 0x31) {
                    try quickGivesUp()
                    try warnFormatIndicator(valueStart, valueEnd)
                }
            } else if tag == 63 {
                try checkCRCField(at: position, length: length, valueStart: valueStart, valueEnd: valueEnd)
                crcSeen = true
            } else if EMVGrammar.isReservedTopLevel(tag) {
                try quickGivesUp()
                try warnReserved(TagPath.root.appending(tag), at: position, in: .root)
            }
            position = valueEnd
        }
        nodeCount = n
        guard crcSeen else { throw fail { crcMissing() } }
    }

    /// Reads the children, at `Level`, of the template recorded at `index`. With `keepsPlainValue`, lenient reading
    /// keeps a value that is not fields inside as a plain value, with a warning.
    @inline(__always)
    mutating func parseTemplate<Level: TemplateLevel>(
        _ level: Level.Type, at index: Int, tag: Int, from start: Int, to end: Int, path: TagPath,
        keepsPlainValue: Bool
    ) throws(EMVQRError) {
        if keepsPlainValue && Diagnostics.explains && !strict {
            let warningsBefore = warnings?.pointee.count ?? 0
            do throws(EMVQRError) {
                try parseChildren(Level.self, of: tag, from: start, to: end, path: path)
            } catch {
                try keepAsPrimitive(index, path, warningsBefore: warningsBefore, error)
            }
        } else {
            try parseChildren(Level.self, of: tag, from: start, to: end, path: path)
        }
        nodes[index].subtreeEnd = nodeCount
    }

    /// The path of child `tag` of `path`, which only the explanation reports.
    @inline(__always)
    func child(of path: TagPath, _ tag: Int) -> TagPath {
        Diagnostics.explains ? path.appending(tag) : path
    }

    /// In the quick check, a warning ends the check.
    @inline(__always)
    func quickGivesUp() throws(EMVQRError) {
        if !Diagnostics.explains { throw Self.gaveUp }
    }

    /// Records a field as `nodes[count]`, its subtree ending after it until its children are read: one 8-byte
    /// store.
    @inline(__always)
    static func record(
        tag: Int, depth: Int, isTemplate: Bool, _ valueStart: Int, _ valueEnd: Int,
        into nodes: UnsafeMutablePointer<EMVNode>, count: inout Int
    ) {
        (nodes + count).initialize(
            to: EMVNode(
                tag: tag, depth: depth, isTemplate: isTemplate, valueStart: valueStart, valueEnd: valueEnd,
                subtreeEnd: count &+ 1))
        count &+= 1
    }

    mutating func checkCRCField(at position: Int, length: Int, valueStart: Int, valueEnd: Int) throws(EMVQRError) {
        guard length == 4 else { throw fail { crcLength(at: position, length: length) } }
        guard valueEnd == count else { throw fail { crcNotLast(at: position, valueEnd: valueEnd) } }
        let digits = UInt32(
            littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: valueStart, as: UInt32.self))
        guard let (stated, lowercase) = CRC16.hexValue(ofDigits: digits) else {
            throw fail { crcNotHex(at: position, valueStart, valueEnd) }
        }
        let computed = CRC16.update(CRC16.initialValue, base, valueStart)
        guard computed == stated else { throw fail { crcMismatch(computed: computed, valueStart, valueEnd) } }
        if lowercase {
            try quickGivesUp()
            try warnLowercase(valueStart, valueEnd)
        }
    }

    /// Reads the fields inside a template at `Level`'s depth, 1 or 2. Inlined where each level is read, so each copy
    /// knows its depth and keeps only the checks that depth needs.
    @inline(__always)
    mutating func parseChildren<Level: TemplateLevel>(
        _ level: Level.Type,
        of parentTag: Int,
        from start: Int,
        to end: Int,
        path: TagPath
    ) throws(EMVQRError) {
        let depth = Level.depth
        let base = self.base
        let nodes = self.nodes
        var n = nodeCount
        var position = start
        var seen = TagSet()
        // The children that the template's GUID (its 00) makes templates, as the caller declared them.
        var nested = TagSet()
        let isMerchantAccount = depth == 1 && (parentTag <= 51 || parentTag >= 80)
        while position < end {
            guard end &- position >= 4 else { throw fail { underfilled(path, start: start, at: position, end: end) } }
            guard let (tag, length) = Self.header(base, at: position) else {
                throw fail { headerError(at: position, path: path) }
            }
            let valueStart = position &+ 4
            guard let valueEnd = Unit.advance(base, from: valueStart, by: length, limit: end) else {
                throw fail { overrun(path.appending(tag), at: position, length: length, parent: path, end: end) }
            }
            if seen.insert(tag) {
                try quickGivesUp()
                try warnDuplicate(path.appending(tag), at: position, in: path)
            }

            var isTemplate = false
            if depth == 1 {
                if EMVGrammar.isReservedChild(tag, of: parentTag) {
                    try quickGivesUp()
                    try warnReserved(path.appending(tag), at: position, in: path)
                }
                if parentTag == 62 {
                    isTemplate = EMVGrammar.isAdditionalDataTemplate(tag)
                } else if isMerchantAccount {
                    if tag == 0 {
                        nested = nestedChildren(guidStart: valueStart, guidEnd: valueEnd)
                    } else {
                        isTemplate = nested.contains(tag)
                    }
                }
            }
            let index = n
            Self.record(tag: tag, depth: depth, isTemplate: isTemplate, valueStart, valueEnd, into: nodes, count: &n)
            if depth == 1 && isTemplate {
                // 62.50–99 are templates, but EMVCo's own sample writes a plain value there (62.50 "ijkl"): lenient
                // reading keeps it.
                nodeCount = n
                try parseTemplate(
                    GrandchildLevel.self, at: index, tag: tag, from: valueStart, to: valueEnd,
                    path: child(of: path, tag), keepsPlainValue: parentTag == 62)
                n = nodeCount
            }
            position = valueEnd
        }
        nodeCount = n
    }

    /// The children that a declared nesting makes templates under the GUID `base[guidStart..<guidEnd]`.
    @inline(__always)
    func nestedChildren(guidStart: Int, guidEnd: Int) -> TagSet {
        var children = TagSet()
        let guid = UnsafeRawPointer(base + guidStart)
        let length = guidEnd &- guidStart
        for declared in nesting where TagSet.holds(declared.child) && declared.matches(guid, length) {
            _ = children.insert(declared.child)
        }
        return children
    }

    // MARK: Errors and warnings, out of the hot path

    @inline(never)
    mutating func warn(_ code: EMVQRError.Code, _ offset: Int, _ path: TagPath, _ message: String) throws(EMVQRError) {
        let warning = EMVQRWarning(code: code, offset: offset, path: path, message: message)
        if strict { throw warning.asError }
        warnings?.pointee.append(warning)
    }

    /// Turns the template at `index`, whose children did not parse, back into a primitive, with a warning that
    /// carries the error's code and position.
    @inline(never)
    mutating func keepAsPrimitive(
        _ index: Int, _ path: TagPath, warningsBefore: Int, _ error: EMVQRError
    ) throws(EMVQRError) {
        nodeCount = index + 1
        nodes[index].isTemplate = false
        nodes[index].subtreeEnd = nodeCount
        warnings?.pointee.removeSubrange(warningsBefore...)
        try warn(
            error.code, error.offset, error.path,
            error.message + "; tag \(path) is kept as a plain value")
    }

    @inline(never)
    mutating func warnDuplicate(_ path: TagPath, at position: Int, in parent: TagPath = .root) throws(EMVQRError) {
        let level = parent.count == 0 ? "at the top level" : "in tag \(parent)"
        try warn(.duplicateTag, position, path, "tag \(path) at byte \(position) appears a second time \(level)")
    }

    @inline(never)
    mutating func warnReserved(_ path: TagPath, at position: Int, in parent: TagPath) throws(EMVQRError) {
        let message =
            parent.count == 0
            ? "tag \(path) at byte \(position) is reserved for future use by EMVCo"
            : "tag \(path) at byte \(position) is reserved or unknown in tag \(parent)"
        try warn(.reservedTag, position, path, message)
    }

    @inline(never)
    mutating func warnFormatIndicator(_ valueStart: Int, _ valueEnd: Int) throws(EMVQRError) {
        try warn(
            .unexpectedFormatIndicator, valueStart, TagPath.root.appending(0),
            "the payload format indicator is \"\(text(valueStart, valueEnd))\"; EMVCo defines \"01\"")
    }

    @inline(never)
    mutating func warnLowercase(_ valueStart: Int, _ valueEnd: Int) throws(EMVQRError) {
        try warn(
            .lowercaseCRC, valueStart, TagPath.root.appending(63),
            "the CRC \"\(text(valueStart, valueEnd))\" is lowercase; EMVCo writes it in uppercase")
    }

    @inline(never)
    func truncated(at position: Int) -> EMVQRError {
        EMVQRError(
            code: .truncatedHeader, offset: position, path: .root,
            message: "byte \(position): \(count - position) byte(s) left where a 4-byte ID and length should start")
    }

    @inline(never)
    func overrun(tag: Int, at position: Int, length: Int) -> EMVQRError {
        EMVQRError(
            code: .lengthOverrun, offset: position, path: TagPath.root.appending(tag),
            message: "tag \(twoDigits(tag)) at byte \(position): length \(length) runs past the end of the "
                + "\(count)-byte payload")
    }

    @inline(never)
    func overrun(_ path: TagPath, at position: Int, length: Int, parent: TagPath, end: Int) -> EMVQRError {
        EMVQRError(
            code: .lengthOverrun, offset: position, path: path,
            message: "tag \(path) at byte \(position): length \(length) runs past the end of tag \(parent), "
                + "which ends at byte \(end)")
    }

    @inline(never)
    func underfilled(_ path: TagPath, start: Int, at position: Int, end: Int) -> EMVQRError {
        EMVQRError(
            code: .templateUnderfilled, offset: position, path: path,
            message: "tag \(path) at byte \(start - 4): its last \(end - position) byte(s) from byte \(position) "
                + "are too short for a field; the children must fill the template exactly")
    }

    @inline(never)
    func formatIndicatorNotFirst(tag: Int) -> EMVQRError {
        EMVQRError(
            code: .formatIndicatorNotFirst, offset: 0, path: .root,
            message: "the payload starts with tag \(twoDigits(tag)); it must start with 00, the payload format "
                + "indicator")
    }

    @inline(never)
    func crcMissing() -> EMVQRError {
        EMVQRError(
            code: .crcMissing, offset: count, path: TagPath.root.appending(63),
            message: "the payload ends at byte \(count) without tag 63, the CRC")
    }

    @inline(never)
    func crcLength(at position: Int, length: Int) -> EMVQRError {
        EMVQRError(
            code: .crcLength, offset: position, path: TagPath.root.appending(63),
            message: "tag 63 at byte \(position) has length \(twoDigits(length)); the CRC field is 6304 followed "
                + "by 4 hex digits")
    }

    @inline(never)
    func crcNotLast(at position: Int, valueEnd: Int) -> EMVQRError {
        EMVQRError(
            code: .crcNotLast, offset: position, path: TagPath.root.appending(63),
            message: "tag 63 at byte \(position) is followed by \(count - valueEnd) more byte(s); the CRC must be "
                + "the last field")
    }

    @inline(never)
    func crcNotHex(at position: Int, _ valueStart: Int, _ valueEnd: Int) -> EMVQRError {
        var bad = valueStart
        while CRC16.hexValue(base[bad]) != nil { bad += 1 }
        return EMVQRError(
            code: .crcNotHex, offset: bad, path: TagPath.root.appending(63),
            message: "tag 63 at byte \(position): the CRC \"\(text(valueStart, valueEnd))\" holds "
                + "\(describe(base[bad])) at byte \(bad); it must be 4 hex digits")
    }

    @inline(never)
    func crcMismatch(computed: UInt16, _ valueStart: Int, _ valueEnd: Int) -> EMVQRError {
        EMVQRError(
            code: .crcMismatch, offset: valueStart, path: TagPath.root.appending(63),
            message: "CRC mismatch: tag 63 states \(text(valueStart, valueEnd)) but bytes 0–\(valueStart - 1) "
                + "give \(CRC16.hexString(computed))")
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}

@inline(__always)
func twoDigits(_ n: Int) -> String {
    n < 10 ? "0\(n)" : "\(n)"
}
