/// Why a printable page could not be laid out.
///
/// Errors compare by ``code`` and ``sticker`` only; the message may change wording between versions.
public struct QRPrintError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of the error.
    public let code: Code
    /// The 1-based position on the sheet of the sticker concerned, when one is.
    public let sticker: Int?
    /// A message a person can act on.
    public let message: String

    /// A stable error code. Its ``rawValue`` never changes between releases.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The code would print with modules under QRImaging's `PNGOptions.minimumModuleMillimetres` (0.4 mm),
        /// which phone cameras cannot resolve: the label is too small for it.
        public static let moduleTooSmall = Code(rawValue: "module-too-small")
        /// The label stock's geometry is impossible: labels off the page, overlapping, or too narrow for text.
        public static let invalidStock = Code(rawValue: "invalid-stock")
        /// A sticker has more text lines than its label has room for.
        public static let tooManyLines = Code(rawValue: "too-many-lines")
        /// QRImaging refused to render the code.
        public static let renderingFailed = Code(rawValue: "rendering-failed")
    }

    public init(_ code: Code, sticker: Int? = nil, _ message: String) {
        self.code = code
        self.sticker = sticker
        self.message = message
    }

    public var description: String {
        if let sticker { return "\(code) at sticker \(sticker): \(message)" }
        return "\(code): \(message)"
    }

    public static func == (lhs: QRPrintError, rhs: QRPrintError) -> Bool {
        lhs.code == rhs.code && lhs.sticker == rhs.sticker
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(sticker)
    }
}
