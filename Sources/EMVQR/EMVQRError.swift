/// Why a payload could not be read or built.
///
/// Each error has a stable ``code``, the byte ``offset`` in the payload where the problem starts, and the
/// ``path`` of the field it concerns. Errors compare by code, offset and path; the ``message`` is for people and may
/// change wording between versions.
///
/// ```swift
/// do {
///     _ = try EMVPayload(parsing: "00020101")
/// } catch {
///     print(error.code, error.offset, error.path)   // truncatedHeader 6 (root)
/// }
/// ```
public struct EMVQRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public var code: Code
    /// The byte offset in the payload where the problem starts.
    public var offset: Int
    /// The field the problem concerns; the root for the payload as a whole.
    public var path: TagPath
    /// A sentence a person can act on, for example
    /// "tag 54 at byte 53: length 12 runs past the end of the 121-byte payload".
    public var message: String

    /// Makes an error.
    public init(code: Code, offset: Int, path: TagPath, message: String) {
        self.code = code
        self.offset = offset
        self.path = path
        self.message = message
    }

    public var description: String {
        "EMVQRError.\(code) at byte \(offset)\(path.count > 0 ? " (\(path))" : ""): \(message)"
    }

    public static func == (lhs: EMVQRError, rhs: EMVQRError) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
        hasher.combine(path)
    }

    /// A stable error code. Its ``rawValue`` is what JSON output carries.
    public struct Code: Sendable, Hashable, CustomStringConvertible, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The payload has no bytes.
        public static let emptyPayload = Code(rawValue: "emptyPayload")
        /// The payload is longer than the EMVCo maximum of 512.
        public static let oversizedPayload = Code(rawValue: "oversizedPayload")
        /// Fewer than four bytes are left where an ID and a length should start.
        public static let truncatedHeader = Code(rawValue: "truncatedHeader")
        /// An ID or a length holds something other than an ASCII digit (a sign or a space is not a digit).
        public static let invalidDigit = Code(rawValue: "invalidDigit")
        /// A length runs past the end of the payload or of its template.
        public static let lengthOverrun = Code(rawValue: "lengthOverrun")
        /// A template's children do not fill it exactly.
        public static let templateUnderfilled = Code(rawValue: "templateUnderfilled")
        /// Tag 00, the payload format indicator, is missing or not first.
        public static let formatIndicatorNotFirst = Code(rawValue: "formatIndicatorNotFirst")
        /// Tag 63, the CRC, is missing.
        public static let crcMissing = Code(rawValue: "crcMissing")
        /// Tag 63 is not the last field.
        public static let crcNotLast = Code(rawValue: "crcNotLast")
        /// Tag 63 does not have length 04.
        public static let crcLength = Code(rawValue: "crcLength")
        /// Tag 63 holds something other than four hexadecimal digits.
        public static let crcNotHex = Code(rawValue: "crcNotHex")
        /// The CRC in tag 63 does not match the bytes it covers.
        public static let crcMismatch = Code(rawValue: "crcMismatch")
        /// The same tag appears twice in one template (an error in strict reading).
        public static let duplicateTag = Code(rawValue: "duplicateTag")
        /// A tag outside 00–99 was given to the serializer.
        public static let tagOutOfRange = Code(rawValue: "tagOutOfRange")
        /// A value longer than 99 bytes was given to the serializer.
        public static let valueTooLong = Code(rawValue: "valueTooLong")
        /// A tag the serializer fills itself (63) was given to it.
        public static let reservedForSerializer = Code(rawValue: "reservedForSerializer")

        // Strict reading turns each warning into an error with the warning's code.
        /// The CRC is written in lowercase (an error in strict reading).
        public static let lowercaseCRC = Code(rawValue: "lowercaseCRC")
        /// The payload format indicator is not "01" (an error in strict reading).
        public static let unexpectedFormatIndicator = Code(rawValue: "unexpectedFormatIndicator")
        /// A reserved or unknown tag or sub-tag (an error in strict reading).
        public static let reservedTag = Code(rawValue: "reservedTag")
        /// Lengths count characters instead of UTF-8 bytes (an error in strict reading).
        public static let characterLengths = Code(rawValue: "characterLengths")
    }
}

/// A deviation from the EMVCo grammar that lenient reading accepts because real wallets and banks emit it.
///
/// Strict reading (``EMVPayload/ReadingMode/strict``) throws an ``EMVQRError`` with the same code instead.
public typealias EMVQRWarning = PayloadWarning<EMVQRError.Code>

/// A real-world deviation that lenient reading accepts, with the code strict reading would throw, where it is
/// (a byte offset and a tag path), and a message.
///
/// Every module that reads payloads reports its warnings in this one shape, generic over its own codes:
/// ``EMVQRWarning`` carries an ``EMVQRError/Code``, and a scheme built on EMVQR carries codes of its own beside the
/// EMVQR codes it wraps. Warnings compare by every property, the message included.
public struct PayloadWarning<Code: Sendable & Hashable & CustomStringConvertible>: Sendable, Hashable,
    CustomStringConvertible
{
    /// What deviates; the same code strict reading would throw.
    public var code: Code
    /// The byte offset in the payload.
    public var offset: Int
    /// The field it concerns.
    public var path: TagPath
    /// A sentence a person can act on.
    public var message: String

    /// Makes a warning.
    ///
    /// - Parameters:
    ///   - code: What deviates.
    ///   - offset: The byte offset in the payload.
    ///   - path: The field it concerns.
    ///   - message: A sentence a person can act on.
    public init(code: Code, offset: Int, path: TagPath, message: String) {
        self.code = code
        self.offset = offset
        self.path = path
        self.message = message
    }

    public var description: String {
        "warning \(code) at byte \(offset)\(path.count > 0 ? " (\(path))" : ""): \(message)"
    }
}

extension PayloadWarning where Code == EMVQRError.Code {
    /// The error strict reading throws in its place.
    public var asError: EMVQRError {
        EMVQRError(code: code, offset: offset, path: path, message: message)
    }
}
