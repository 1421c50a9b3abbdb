// swift-crypto's signing and verifying calls take and return Foundation's `DataProtocol` and `Data`; nothing else
// here uses Foundation.
import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
