/// An error from the imaging layer: encoding, rendering, reading an image file or writing one.
///
/// Errors compare by ``code`` only, so tests and callers can match on the code without depending on the message.
/// ``offset`` is the byte offset in the input where the problem was found, when there is one.
public struct QRImagingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of the error.
    public let code: Code
    /// The byte offset in the input where the problem was found, if it makes sense for this error.
    public let offset: Int?
    /// A message a person can act on.
    public let message: String

    /// A stable error code. Its ``rawValue`` never changes between releases.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // Encoding.
        /// The data does not fit the largest version allowed.
        public static let dataTooLong = Code(rawValue: "data-too-long")
        /// The version range or another encoding option is out of bounds.
        public static let invalidOption = Code(rawValue: "invalid-option")
        // Rendering.
        /// Foreground and background colours are too close for a phone to tell apart.
        public static let lowContrast = Code(rawValue: "low-contrast")
        /// The foreground is lighter than the background: many readers cannot scan inverted codes.
        public static let inverted = Code(rawValue: "inverted")
        /// The module size is below what a phone camera resolves (0.4 mm).
        public static let moduleTooSmall = Code(rawValue: "module-too-small")
        // Reading images.
        /// The bytes are not an image format we read (PNG, JPEG, PNM, WebP).
        public static let unknownFormat = Code(rawValue: "unknown-format")
        /// The file ends before the image does.
        public static let truncated = Code(rawValue: "truncated")
        /// The file is damaged or not what its header says.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The image has a zero width or height.
        public static let emptyImage = Code(rawValue: "empty-image")
        /// The image is larger than the configured pixel bound; nothing was allocated for it.
        public static let tooLarge = Code(rawValue: "too-large")
        // Scanning.
        /// The scan used its CPU budget (``QRScanner/cpuBudget``) and stopped before it found a code.
        public static let timeLimit = Code(rawValue: "time-limit")
        // Files.
        /// The output file exists and overwriting was not asked for.
        public static let fileExists = Code(rawValue: "file-exists")
        /// A file could not be read or written.
        public static let io = Code(rawValue: "io")
    }

    public init(_ code: Code, offset: Int? = nil, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String {
        if let offset { return "\(code) at byte \(offset): \(message)" }
        return "\(code): \(message)"
    }

    public static func == (lhs: QRImagingError, rhs: QRImagingError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
