// The key's bytes and encodings. Verifying is in HouseholdPublicKey+Verify.swift, the one part that needs
// swift-crypto, so that the list parsers can be fuzzed without it.

/// An Ed25519 public key, as a trust list carries it.
public struct HouseholdPublicKey: Sendable, Hashable {
    /// The 32 raw bytes.
    public let rawRepresentation: [UInt8]

    /// A key from its 32 raw bytes. As in RFC 8032, any 32 bytes are a key's encoding; a verifier that cannot
    /// decode them as a curve point rejects every signature.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidKey`` when the bytes are not 32.
    public init(rawRepresentation: some Collection<UInt8>) throws(ProvenanceError) {
        guard rawRepresentation.count == 32 else {
            throw ProvenanceError(
                code: .invalidKey, message: "an Ed25519 public key is 32 bytes, not \(rawRepresentation.count)")
        }
        self.rawRepresentation = Array(rawRepresentation)
    }

    /// A key from its base64url text (43 characters), as trust lists write it.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidKey`` when the text is not 32 bytes of base64url.
    public init(base64URL text: String) throws(ProvenanceError) {
        guard let raw = Base64URL.decode(text.utf8), raw.count == 32 else {
            throw ProvenanceError(
                code: .invalidKey, message: "\"\(text)\" is not an Ed25519 public key: 43 base64url characters")
        }
        try self.init(rawRepresentation: raw)
    }

    /// A key from a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as `openssl pkey -pubout` writes it.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidKey`` when it is not an Ed25519 public key.
    public init(pem: String) throws(ProvenanceError) {
        try self.init(rawRepresentation: PEM.ed25519PublicKey(fromSPKI: PEM.decode(pem, label: PEM.publicKeyLabel)))
    }

    /// The key as base64url text, as trust lists write it.
    public var base64URL: String { Base64URL.encode(rawRepresentation) }

    /// The key as SubjectPublicKeyInfo PEM.
    public var pemRepresentation: String {
        PEM.encode(PEM.spki(publicKey: rawRepresentation), label: PEM.publicKeyLabel)
    }

    public static func == (lhs: HouseholdPublicKey, rhs: HouseholdPublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}
