public import EMVQR

/// Why a household code, a record, a key or a list could not be read or made.
///
/// Each error has a stable ``code``, a position — the byte ``offset`` and tag ``path`` in a payload, or the ``row``
/// of a CSV file — and a ``message`` a person can act on. Errors compare by code and position; the message may
/// change wording between versions.
///
/// When the payload is not even well-formed EMVCo, the error wraps EMVQR's: its ``code`` is
/// ``ProvenanceCode/emvqr(_:)`` with EMVQR's own code, and ``underlying`` gives back the `EMVQRError` itself.
///
/// ```swift
/// do {
///     _ = try HouseholdCode(parsing: scannedBytes)
/// } catch where error.code == .emvqr(.crcMismatch) {
///     print("damaged code: scan again")
/// } catch {
///     print(error.code, error.offset, error.path)   // signatureNotLast 231 25
/// }
/// ```
public struct ProvenanceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong: a rule of the household format, record, keys or lists, or the EMVQR error it wraps.
    public var code: ProvenanceCode
    /// The byte offset in the payload where the problem starts, or in the CSV file for
    /// ``ProvenanceError/Code/notUTF8``; 0 where neither is involved.
    public var offset: Int
    /// The field the problem concerns, for example `80.02`; the root for the payload as a whole.
    public var path: TagPath
    /// The 1-based line of a CSV file (the header is row 1), when the problem is in one.
    public var row: Int?
    /// A sentence a person can act on.
    public var message: String

    /// Makes an error of the household format, record, keys or lists.
    public init(code: Code, offset: Int = 0, path: TagPath = .root, row: Int? = nil, message: String) {
        self.init(code: ProvenanceCode.provenance(code), offset: offset, path: path, row: row, message: message)
    }

    /// The error for a payload that EMVQR could not read (CRC, lengths, nesting): it wraps `error`, with its code,
    /// offset, path and message.
    public init(_ error: EMVQRError) {
        self.init(
            code: ProvenanceCode.emvqr(error.code), offset: error.offset, path: error.path, row: nil,
            message: error.message)
    }

    private init(code: ProvenanceCode, offset: Int, path: TagPath, row: Int?, message: String) {
        self.code = code
        self.offset = offset
        self.path = path
        self.row = row
        self.message = message
    }

    /// The EMVQR error this one wraps, when EMVQR could not read the payload; `nil` otherwise.
    public var underlying: EMVQRError? {
        guard case .emvqr(let code) = code else { return nil }
        return EMVQRError(code: code, offset: offset, path: path, message: message)
    }

    /// The same error at another place in a payload: a field's value rather than the part of it that was checked.
    package func at(offset: Int, path: TagPath) -> ProvenanceError {
        var copy = self
        copy.offset = offset
        copy.path = path
        return copy
    }

    /// The same error, placed at a row of a CSV file.
    package func at(row: Int) -> ProvenanceError {
        var copy = self
        copy.row = row
        return copy
    }

    public var description: String {
        var place = ""
        if let row { place += " at row \(row)" }
        if path.count > 0 { place += " (\(path))" }
        return "ProvenanceError.\(code)\(place): \(message)"
    }

    public static func == (lhs: ProvenanceError, rhs: ProvenanceError) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset && lhs.path == rhs.path && lhs.row == rhs.row
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
        hasher.combine(path)
        hasher.combine(row)
    }

    /// The stable code of a rule of the household format, record, keys or lists. Its ``rawValue`` is what JSON
    /// output carries.
    public struct Code: Sendable, Hashable, CustomStringConvertible, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // The wire format.
        /// Tag 00 is not a household format indicator (`"01"` is a payment code).
        public static let notHouseholdCode = Code(rawValue: "notHouseholdCode")
        /// Tag 00 names a later version of the household format than this reader knows.
        public static let unsupportedVersion = Code(rawValue: "unsupportedVersion")
        /// The lengths count characters; the household format counts UTF-8 bytes.
        public static let characterLengths = Code(rawValue: "characterLengths")
        /// A tag appears twice where the format allows it once.
        public static let duplicateTag = Code(rawValue: "duplicateTag")
        /// A required field is missing.
        public static let missingField = Code(rawValue: "missingField")
        /// A field's value breaks its grammar (digits, dates, codes, UTF-8, control characters).
        public static let invalidField = Code(rawValue: "invalidField")
        /// The signature (tag 25) is not immediately before the CRC.
        public static let signatureNotLast = Code(rawValue: "signatureNotLast")
        /// The signature is not 86 base64url characters encoding 64 bytes.
        public static let invalidSignatureEncoding = Code(rawValue: "invalidSignatureEncoding")
        /// Products (80–89) are not numbered from 80 without gaps.
        public static let productOutOfOrder = Code(rawValue: "productOutOfOrder")
        /// The encoded code would exceed the EMVCo maximum of 512 bytes, or a field 99 bytes.
        public static let tooLong = Code(rawValue: "tooLong")

        // The record.
        /// A province or commune code is not in the lists, or the commune is not in the province.
        public static let unknownPlace = Code(rawValue: "unknownPlace")
        /// A code from one of the small tables (sanitation, waste, category, standard) is unknown.
        public static let unknownCode = Code(rawValue: "unknownCode")
        /// The expiry date is before the issue date.
        public static let invalidValidity = Code(rawValue: "invalidValidity")

        // The link form.
        /// A link's scheme is not `https`.
        public static let invalidLinkScheme = Code(rawValue: "invalidLinkScheme")
        /// A link has no fragment (`#`), so it carries no code.
        public static let missingLinkFragment = Code(rawValue: "missingLinkFragment")
        /// A link holds a character outside RFC 3986's set, or a `%` not followed by two hex digits.
        public static let invalidLinkEncoding = Code(rawValue: "invalidLinkEncoding")

        // Keys and lists.
        /// A key file is not a PKCS#8 / SubjectPublicKeyInfo PEM holding an Ed25519 key.
        public static let invalidKey = Code(rawValue: "invalidKey")
        /// A trust list or revocation list is not valid JSON of the documented shape.
        public static let invalidList = Code(rawValue: "invalidList")
        /// A signed list's signature does not verify with the root key the verifier trusts: the list was changed,
        /// or another root signed it.
        public static let listSignatureMismatch = Code(rawValue: "listSignatureMismatch")
        /// A signed list does not name its issue date and its next-update date.
        public static let listUndated = Code(rawValue: "listUndated")
        /// A signed list is past its next-update date: a newer one is out.
        public static let staleList = Code(rawValue: "staleList")
        /// A root key was given to check a list, but the file is not a signed list.
        public static let listNotSigned = Code(rawValue: "listNotSigned")
        /// A household lies outside the scope of the key that would sign it.
        public static let outOfScope = Code(rawValue: "outOfScope")
        /// A CSV file cannot be read: no header, missing columns, bad quoting.
        public static let invalidCSV = Code(rawValue: "invalidCSV")
        /// A CSV file is not UTF-8 text: Excel's plain "CSV" on Windows writes Windows-1258, for example.
        public static let notUTF8 = Code(rawValue: "notUTF8")
        /// Signing failed in the cryptographic library.
        public static let signingFailed = Code(rawValue: "signingFailed")
    }
}

/// The code of a ``ProvenanceError``: a rule of the household format, record, keys or lists, or the EMVQR error it
/// wraps, with EMVQR's code unchanged.
public enum ProvenanceCode: Sendable, Hashable, CustomStringConvertible {
    /// A rule of the household format, record, keys or lists.
    case provenance(ProvenanceError.Code)
    /// The EMVCo grammar, as EMVQR reports it: `crcMismatch`, `lengthOverrun`, ...
    case emvqr(EMVQRError.Code)

    /// The code as JSON output carries it, for example `signatureNotLast` or `crcMismatch`.
    public var rawValue: String {
        switch self {
        case .provenance(let code): code.rawValue
        case .emvqr(let code): code.rawValue
        }
    }

    public var description: String { rawValue }
}
