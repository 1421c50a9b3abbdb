/// What verifying one code found: the verdict, why, and what could be read.
public struct HouseholdVerification: Sendable {
    /// The verdict.
    public var verdict: Verdict
    /// Why, as a stable code: for example `signatureMismatch`, `expiredOn`, `crcMismatch`.
    public var reason: String
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
}
