public import EMVQR

/// Why a payload is not a VietQR payment, or why a payment cannot be built.
///
/// Each error has a stable ``code``, a byte ``offset`` and the ``path`` of the field it concerns. When reading, the
/// offset is where the field starts in the payload (for a missing field, where it would have to be). When building,
/// there is no payload yet: the offset counts characters into the offending value (0 when the whole value is at
/// fault). Errors compare by code, offset and path; the ``message`` is for people.
///
/// When the payload is not even well-formed EMVCo (or VietQR's 38.01 is not well-formed fields), the error wraps
/// EMVQR's: its ``code`` is ``VietQRCode/emvqr(_:)`` with EMVQR's own code, so callers match EMVQR's codes through
/// VietQR, and ``underlying`` gives back the `EMVQRError` itself:
///
/// ```swift
/// do {
///     _ = try VietQRPayload(parsing: scanned)
/// } catch where error.code == .emvqr(.crcMismatch) {
///     print("damaged code: scan again")
/// } catch where error.code == .vietqr(.unknownBank) {
///     print("check the BIN")
/// }
/// ```
public struct VietQRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong: a NAPAS rule VietQR checks, or the EMVQR error it wraps.
    public var code: VietQRCode
    /// The byte offset in the payload; for building, the character offset in the value.
    public var offset: Int
    /// The field the problem concerns, for example `38.01.00`.
    public var path: TagPath
    /// A sentence a person can act on.
    public var message: String

    /// Makes the error of a NAPAS rule.
    public init(code: Code, offset: Int, path: TagPath, message: String) {
        self.code = .vietqr(code)
        self.offset = offset
        self.path = path
        self.message = message
    }

    /// The VietQR error for a payload that EMVQR could not read: it wraps `error`, with its code, offset, path and
    /// message.
    public init(_ error: EMVQRError) {
        self.code = .emvqr(error.code)
        self.offset = error.offset
        self.path = error.path
        self.message = error.message
    }

    /// The EMVQR error this one wraps, when EMVQR could not read the payload; `nil` for a broken NAPAS rule.
    public var underlying: EMVQRError? {
        guard case .emvqr(let code) = code else { return nil }
        return EMVQRError(code: code, offset: offset, path: path, message: message)
    }

    public var description: String {
        "VietQRError.\(code) at byte \(offset)\(path.count > 0 ? " (\(path))" : ""): \(message)"
    }

    public static func == (lhs: VietQRError, rhs: VietQRError) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
        hasher.combine(path)
    }

    /// The stable code of a NAPAS rule. Its ``rawValue`` is what JSON output carries.
    ///
    /// The rules that lenient reading accepts with a ``VietQRWarning`` are codes too: strict reading throws them.
    public struct Code: Sendable, Hashable, CustomStringConvertible, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A mandatory field is absent: 01, 38, 38.00, 38.01, 38.01.00, 38.01.01, 38.02, 53 or 58 when reading;
        /// 59 and 60 for QRPUSH, 62.05 and 62.07 for QRCASH, 56 or 57 for a fee, 64.00 and 64.01 for a
        /// language template.
        public static let missingField = Code(rawValue: "missingField")
        /// Tag 38's GUID is not NAPAS's `A000000727`.
        public static let wrongGUID = Code(rawValue: "wrongGUID")
        /// The acquirer BIN (38.01.00) is not six digits.
        public static let invalidBIN = Code(rawValue: "invalidBIN")
        /// The account or card number (38.01.01) is empty, longer than 19 or not letters and digits.
        public static let invalidAccount = Code(rawValue: "invalidAccount")
        /// The service code (38.02) is empty, longer than 10 or not ASCII; or, when building, not one of the four
        /// NAPAS codes.
        public static let invalidService = Code(rawValue: "invalidService")
        /// The point of initiation (01) is neither `11` nor `12`.
        public static let invalidInitiation = Code(rawValue: "invalidInitiation")
        /// The amount (54) or the fixed fee (56) is not a number, or is too long; when building, VND amounts are
        /// whole numbers from 1.
        public static let invalidAmount = Code(rawValue: "invalidAmount")
        /// The currency (53) is not `704`, the Vietnamese dong.
        public static let invalidCurrency = Code(rawValue: "invalidCurrency")
        /// The country (58) is not `VN`.
        public static let invalidCountry = Code(rawValue: "invalidCountry")
        /// The merchant category code (52) is not four digits.
        public static let invalidMerchantCategory = Code(rawValue: "invalidMerchantCategory")
        /// The tip indicator (55) is not `01`, `02` or `03`, or the percentage fee (57) is not a percentage.
        public static let invalidTip = Code(rawValue: "invalidTip")
        /// The language (64.00) is not two lowercase ASCII letters.
        public static let invalidLanguage = Code(rawValue: "invalidLanguage")
        /// A value is longer than its field allows (an error when building and in strict reading).
        public static let fieldTooLong = Code(rawValue: "fieldTooLong")
        /// A value holds characters its field cannot carry: after folding Vietnamese letters, fields 52–62 take
        /// printable ASCII only (an error when building and in strict reading).
        public static let invalidCharacters = Code(rawValue: "invalidCharacters")
        /// A static code carries an amount (an error only in strict reading).
        public static let staticWithAmount = Code(rawValue: "staticWithAmount")
        /// A dynamic transfer or merchant code has no amount (an error only in strict reading).
        public static let dynamicWithoutAmount = Code(rawValue: "dynamicWithoutAmount")
        /// The merchant category code (52) is absent, as in every bank's transfer code (an error only in strict
        /// reading).
        public static let merchantCategoryAbsent = Code(rawValue: "merchantCategoryAbsent")
        /// The amount is not a whole number of dong, such as `1234.5` or `050000`; it is kept as written (an error
        /// only in strict reading).
        public static let fractionalAmount = Code(rawValue: "fractionalAmount")
        /// The amount is zero (an error only in strict reading).
        public static let zeroAmount = Code(rawValue: "zeroAmount")
        /// Another scheme's merchant account template, such as VNPay's 26, sits beside tag 38 (an error only in
        /// strict reading).
        public static let otherScheme = Code(rawValue: "otherScheme")
        /// The BIN is not in the bank directory (an error only in strict reading).
        public static let unknownBank = Code(rawValue: "unknownBank")
        /// The service code sits in 38.01.02, inside the beneficiary organisation, instead of at 38.02 (an error only
        /// in strict reading).
        public static let serviceInBeneficiary = Code(rawValue: "serviceInBeneficiary")
        /// The service code is well-formed but not one NAPAS defines (an error only in strict reading).
        public static let unknownService = Code(rawValue: "unknownService")
    }
}

/// The code of a ``VietQRError`` or a ``VietQRWarning``: a NAPAS rule VietQR checks, or the EMVQR error or warning it
/// wraps, with EMVQR's code unchanged.
public enum VietQRCode: Sendable, Hashable, CustomStringConvertible {
    /// A NAPAS rule.
    case vietqr(VietQRError.Code)
    /// The EMVCo grammar, as EMVQR reports it.
    case emvqr(EMVQRError.Code)

    /// The code as JSON output carries it, for example `unknownBank` or `crcMismatch`.
    public var rawValue: String {
        switch self {
        case .vietqr(let code): code.rawValue
        case .emvqr(let code): code.rawValue
        }
    }

    public var description: String { rawValue }
}

/// A real-world deviation that lenient reading of a VietQR code accepts: one of the NAPAS rules, or a deviation
/// from the EMVCo grammar that EMVQR found.
///
/// Its ``VietQRCode`` says which: ``VietQRCode/vietqr(_:)`` for a NAPAS rule, and ``VietQRCode/emvqr(_:)`` for
/// EMVQR's own warning, wrapped with its code unchanged, as errors are:
///
/// ```swift
/// for warning in code.warnings {
///     switch warning.code {
///     case .emvqr(.lowercaseCRC): print("the CRC is in lowercase")
///     case .vietqr(.unknownBank): print("check the BIN")
///     default: print(warning)
///     }
/// }
/// ```
///
/// Strict reading throws a ``VietQRError`` in its place, with the same code (see `asError`).
public typealias VietQRWarning = PayloadWarning<VietQRCode>

extension PayloadWarning where Code == VietQRCode {
    /// A NAPAS rule's warning.
    ///
    /// - Parameters:
    ///   - code: The rule's code.
    ///   - offset: The byte offset in the payload.
    ///   - path: The field it concerns.
    ///   - message: A sentence a person can act on.
    public init(code: VietQRError.Code, offset: Int, path: TagPath, message: String) {
        self.init(code: .vietqr(code), offset: offset, path: path, message: message)
    }

    /// The VietQR warning for an EMVCo-level warning: it wraps `warning`, with its code, offset, path and message.
    ///
    /// - Parameter warning: EMVQR's warning.
    public init(_ warning: EMVQRWarning) {
        self.init(
            code: VietQRCode.emvqr(warning.code), offset: warning.offset, path: warning.path,
            message: warning.message)
    }

    /// The EMVQR warning this one wraps; `nil` for a NAPAS rule's.
    public var underlying: EMVQRWarning? {
        guard case .emvqr(let code) = code else { return nil }
        return EMVQRWarning(code: code, offset: offset, path: path, message: message)
    }

    /// The error strict reading throws in its place, with the same code; for an EMVQR warning, it wraps EMVQR's
    /// error.
    public var asError: VietQRError {
        switch code {
        case .vietqr(let code): VietQRError(code: code, offset: offset, path: path, message: message)
        case .emvqr(let code): VietQRError(EMVQRError(code: code, offset: offset, path: path, message: message))
        }
    }
}
