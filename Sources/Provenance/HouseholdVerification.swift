/// What verifying one code found: the verdict, why, and what could be read.
public struct HouseholdVerification: Sendable {
    /// The verdict.
    public var verdict: Verdict
    /// Why, as a stable code: for example ``Reason/signatureMismatch``, ``Reason/expiredOn``, or `crcMismatch` for a
    /// ``Verdict/malformed`` code.
    public var reason: Reason
    /// The reason in a sentence.
    public var message: String
    /// The signer's key ID, when the code names one.
    public var keyID: String?
    /// The record, when it could be decoded. Only a ``Verdict/verified`` record is vouched for.
    public var record: HouseholdRecord?
    /// The trust list entry of the signer, when known.
    public var signer: TrustList.Entry?
    /// Notes that do not change the verdict, for example a pre-2025 commune code.
    public var notes: [String]
    /// The error behind a ``Verdict/malformed`` verdict, with its position.
    public var error: ProvenanceError?

    /// Whether the verdict is ``Verdict/verified``.
    public var isVerified: Bool { verdict == .verified }

    /// Why a code got its verdict, as a stable machine-readable code. Its ``rawValue`` is what JSON output carries.
    ///
    /// Each verdict but ``Verdict/malformed`` has the reasons listed here. A ``Verdict/malformed`` code's reason is
    /// the raw value of its ``ProvenanceCode`` (`crcMismatch`, `missingField`, `unknownPlace`, ...); see
    /// ``init(_:)``.
    public struct Reason: Sendable, Hashable, CustomStringConvertible, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The reason for a ``Verdict/malformed`` code: its error's code, with the same raw value.
        public init(_ code: ProvenanceCode) { self.init(rawValue: code.rawValue) }

        /// ``Verdict/verified``: a trusted, active key signed the code, on an issue date within the key's validity,
        /// and the code is neither withdrawn nor expired.
        public static let signatureValid = Reason(rawValue: "signatureValid")
        /// ``Verdict/unsigned``: the code is well-formed but carries no signature.
        public static let noSignature = Reason(rawValue: "noSignature")
        /// ``Verdict/unknownKey``: the key the code names is not in the trust list, so the signature cannot be
        /// checked.
        public static let keyNotInTrustList = Reason(rawValue: "keyNotInTrustList")
        /// ``Verdict/badSignature``: the signature does not match the code's bytes for the named key; the code was
        /// altered or forged.
        public static let signatureMismatch = Reason(rawValue: "signatureMismatch")
        /// ``Verdict/outOfScope``: the signature matches, but the household's commune lies outside the key's scope.
        public static let householdOutOfScope = Reason(rawValue: "householdOutOfScope")
        /// ``Verdict/revoked``: the signature matches, but the trust list marks the key as revoked, as a whole or
        /// from a day on or before the code's issue date.
        public static let keyRevoked = Reason(rawValue: "keyRevoked")
        /// ``Verdict/unknownKey``: the signature matches, but the code's issue date lies outside the key's validity
        /// in the trust list.
        public static let keyNotValidOnIssueDate = Reason(rawValue: "keyNotValidOnIssueDate")
        /// ``Verdict/revoked``: the revocation list withdraws the household's codes issued before a day, and this
        /// code was issued before it.
        public static let householdRevoked = Reason(rawValue: "householdRevoked")
        /// ``Verdict/expired``: the code is genuine, but its expiry date is before the day checked against.
        public static let expiredOn = Reason(rawValue: "expiredOn")
    }
}
