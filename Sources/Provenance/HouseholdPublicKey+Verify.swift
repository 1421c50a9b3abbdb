// swift-crypto's verifying call takes Foundation's `DataProtocol`.
import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension HouseholdPublicKey {
    init(_ key: Curve25519.Signing.PublicKey) {
        self.rawRepresentation = Array(key.rawRepresentation)
    }

    /// Whether `signature` is this key's Ed25519 signature of exactly `message`.
    public func isValidSignature(_ signature: [UInt8], for message: ArraySlice<UInt8>) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
