/// An error from the imaging layer: encoding, rendering, or decoding an image's bytes.
///
/// The same shape as the payload modules' errors: a stable camelCase ``code``, a position (``offset``, the byte
/// offset in the input where the problem was found, when there is one) and a ``message`` for people. Errors compare
/// by code and offset, never by message.
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
        public static let dataTooLong = Code(rawValue: "dataTooLong")
        /// The version range or another encoding option is out of bounds.
        public static let invalidOption = Code(rawValue: "invalidOption")
        // Rendering.
        /// Foreground and background colours are too close for a phone to tell apart.
        public static let lowContrast = Code(rawValue: "lowContrast")
        /// The foreground is lighter than the background: many readers cannot scan inverted codes.
        public static let inverted = Code(rawValue: "inverted")
        /// The module size is below what a phone camera resolves (0.4 mm).
        public static let moduleTooSmall = Code(rawValue: "moduleTooSmall")
        // Reading images.
        /// The bytes are not an image format we read (PNG, JPEG, PNM, WebP).
        public static let unknownFormat = Code(rawValue: "unknownFormat")
        /// The file ends before the image does.
        public static let truncated = Code(rawValue: "truncated")
        /// The file is damaged or not what its header says.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The image has a zero width or height.
        public static let emptyImage = Code(rawValue: "emptyImage")
        /// The image is larger than the configured pixel bound; nothing was allocated for it.
        public static let tooLarge = Code(rawValue: "tooLarge")
        // Scanning.
        /// The scan used its CPU budget (``QRScanner/cpuBudget``) and stopped before it found a code.
        public static let timeLimit = Code(rawValue: "timeLimit")
        // The C libraries.
        /// A C library could not start or could not write its output (libjpeg-turbo's decoder, libpng's writer).
        public static let io = Code(rawValue: "io")
    }

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - offset: The byte offset in the input, when there is one.
    ///   - message: A sentence a person can act on.
    public init(code: Code, offset: Int? = nil, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// Makes an error; the same as ``init(code:offset:message:)``.
    public init(_ code: Code, offset: Int? = nil, _ message: String) {
        self.init(code: code, offset: offset, message: message)
    }

    public var description: String {
        if let offset { return "\(code) at byte \(offset): \(message)" }
        return "\(code): \(message)"
    }

    public static func == (lhs: QRImagingError, rhs: QRImagingError) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
    }
}
