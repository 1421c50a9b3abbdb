// swift-crypto's signing and verifying calls take and return Foundation's `DataProtocol` and `Data`; nothing else
// here uses Foundation.
import Crypto
import Foundation

/// A commune's Ed25519 private key, which signs household codes.
///
/// Keys are read and written as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the form
/// `openssl genpkey -algorithm ed25519` writes, so a key made with openssl works too.
public struct HouseholdSigningKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// Makes a new random key.
    public init() {
        key = Curve25519.Signing.PrivateKey()
    }

    /// Reads a PKCS#8 PEM private key.
    ///
    /// - Parameter pem: The PEM text.
    /// - Throws: ``ProvenanceError/Code/invalidKey`` when it is not an Ed25519 PKCS#8 key, or when its embedded
    ///   public key does not belong to it.
    public init(pem: String) throws(ProvenanceError) {
        let der = try PEM.decode(pem, label: PEM.privateKeyLabel)
        let (seed, embeddedPublicKey) = try PEM.ed25519Seed(fromPKCS8: der)
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw ProvenanceError(code: .invalidKey, message: "the private key's seed is not usable: \(error)")
        }
        if let embeddedPublicKey, !key.publicKey.rawRepresentation.elementsEqual(embeddedPublicKey) {
            throw ProvenanceError(
                code: .invalidKey, message: "the key file's public key does not belong to its private key")
        }
    }

    /// Makes a key from its 32-byte seed (RFC 8032's "secret key").
    ///
    /// - Parameter seed: 32 bytes.
    /// - Throws: ``ProvenanceError/Code/invalidKey`` when `seed` is not 32 bytes.
    public init(seed: some Collection<UInt8>) throws(ProvenanceError) {
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed))
        } catch {
            throw ProvenanceError(code: .invalidKey, message: "an Ed25519 seed is 32 bytes, not \(seed.count)")
        }
    }

    /// The key as PKCS#8 PEM.
    public var pemRepresentation: String {
        PEM.encode(PEM.pkcs8(seed: Array(key.rawRepresentation)), label: PEM.privateKeyLabel)
    }

    /// The matching public key.
    public var publicKey: HouseholdPublicKey {
        HouseholdPublicKey(key.publicKey)
    }

    /// Signs `message`. Signatures are randomised: two signatures of one message differ, and both verify.
    ///
    /// - Parameter message: The bytes to sign.
    /// - Returns: The 64-byte signature.
    /// - Throws: ``ProvenanceError/Code/signingFailed`` when the library fails.
    public func signature(for message: some Collection<UInt8>) throws(ProvenanceError) -> [UInt8] {
        do {
            return Array(try key.signature(for: Array(message)))
        } catch {
            throw ProvenanceError(code: .signingFailed, message: "Ed25519 signing failed: \(error)")
        }
    }
}

/// An Ed25519 public key, as a trust list carries it.
public struct HouseholdPublicKey: Sendable, Hashable {
    let key: Curve25519.Signing.PublicKey
    /// The 32 raw bytes.
    public let rawRepresentation: [UInt8]

    init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
        self.rawRepresentation = Array(key.rawRepresentation)
    }

    /// A key from its 32 raw bytes.
    ///
    /// - Throws: ``ProvenanceError/Code/invalidKey`` when the bytes are not a public key.
    public init(rawRepresentation: some Collection<UInt8>) throws(ProvenanceError) {
        do {
            self.init(try Curve25519.Signing.PublicKey(rawRepresentation: Array(rawRepresentation)))
        } catch {
            throw ProvenanceError(
                code: .invalidKey, message: "an Ed25519 public key is 32 bytes, not \(rawRepresentation.count)")
        }
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

    /// Whether `signature` is this key's Ed25519 signature of exactly `message`.
    public func isValidSignature(_ signature: [UInt8], for message: ArraySlice<UInt8>) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public static func == (lhs: HouseholdPublicKey, rhs: HouseholdPublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}
