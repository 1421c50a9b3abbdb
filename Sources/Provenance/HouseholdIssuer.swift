import EMVQR

/// Signs household records into codes with a commune's key.
///
/// ```swift
/// let issuer = HouseholdIssuer(key: try HouseholdSigningKey(pem: pemText), keyID: "18223.1")
/// let code: [UInt8] = try issuer.issue(record)     // "0002P1011018223-0042..." ending in 6304XXXX
/// ```
public struct HouseholdIssuer: Sendable {
    /// The commune's private key.
    public let key: HouseholdSigningKey
    /// The key's ID in the trust list, written into every code (tag 12).
    public let keyID: String

    /// Makes an issuer.
    ///
    /// - Parameters:
    ///   - key: The private key.
    ///   - keyID: Its ID in the trust list, for example `18223.1`.
    public init(key: HouseholdSigningKey, keyID: String) {
        self.key = key
        self.keyID = keyID
    }

    /// Normalizes, checks, encodes and signs a record.
    ///
    /// The signature covers every byte before the signature field: the format indicator, the record, the key ID.
    ///
    /// - Parameter record: The record; text is NFC-normalized before signing.
    /// - Returns: The code's bytes: UTF-8, ending in the CRC.
    /// - Throws: ``ProvenanceError`` for a record that does not validate or does not fit in 512 bytes.
    public func issue(_ record: HouseholdRecord) throws(ProvenanceError) -> [UInt8] {
        var serializer = try record.signedPart(keyID: keyID)
        let signature = try key.signature(for: serializer.bytes)
        do {
            try serializer.appendPrimitive(tag: HouseholdTag.signature, Base64URL.encode(signature))
            return try serializer.finalize()
        } catch {
            throw ProvenanceError(
                code: .tooLong, offset: error.offset, path: error.path,
                message: "the signed code is longer than the 512 bytes a code may hold; shorten the notes")
        }
    }

    /// Signs a record into the link form: the record's verifier address (tag 13) becomes `base`, so the signed
    /// code names the page it belongs to.
    ///
    /// - Parameters:
    ///   - record: The record; a verifier address it already gives must equal `base`.
    ///   - base: The verifier page, `https://HOST/PATH`.
    /// - Returns: The link; its ``HouseholdLink/code`` is the signed code.
    /// - Throws: As ``issue(_:)``; ``ProvenanceError/Code/invalidField`` (path 13) for a base that is not a
    ///   verifier address or differs from the record's.
    public func issue(_ record: HouseholdRecord, link base: String) throws(ProvenanceError) -> HouseholdLink {
        var record = record
        if let claimed = record.verifierAddress, claimed != base {
            throw ProvenanceError(
                code: .invalidField, path: TagPath(HouseholdTag.verifierAddress),
                message: "the record's verifier address \(claimed) is not the link's base \(base)")
        }
        _ = try HouseholdRecord.checkVerifierAddress(base, path: TagPath(HouseholdTag.verifierAddress))
        record.verifierAddress = base
        return try HouseholdLink(base: base, code: try issue(record))
    }

    /// Refuses, before signing, a record that a trust list would not verify once signed with this key.
    ///
    /// - Parameters:
    ///   - record: The record.
    ///   - trustList: The trust list that bounds what the key may sign.
    /// - Throws: ``ProvenanceError`` for a record that does not validate, and as
    ///   ``TrustList/checkIssuing(_:keyID:publicKey:)``: out of the key's scope, or not the key's to sign on its
    ///   issue date.
    public func check(_ record: HouseholdRecord, against trustList: TrustList) throws(ProvenanceError) {
        try trustList.checkIssuing(try record.validated(), keyID: keyID, publicKey: key.publicKey)
    }

    /// Signs a record into what its QR symbol holds: the code itself or, given a verifier page, the link to it.
    ///
    /// - Parameters:
    ///   - record: The record.
    ///   - link: The verifier page, `https://HOST/PATH`, or `nil` for the raw code.
    /// - Returns: The code's bytes (``issue(_:)``), or the link's text as UTF-8 (``issue(_:link:)``).
    /// - Throws: As ``issue(_:)`` and ``issue(_:link:)``.
    public func symbolContent(for record: HouseholdRecord, link: String?) throws(ProvenanceError) -> [UInt8] {
        guard let link else { return try issue(record) }
        return Array(try issue(record, link: link).text.utf8)
    }

    /// Encodes a record without a signature: for layout tests and previews. It verifies as `unsigned`.
    ///
    /// - Parameter record: The record.
    /// - Returns: The code's bytes.
    /// - Throws: As ``issue(_:)``.
    public static func unsignedCode(_ record: HouseholdRecord) throws(ProvenanceError) -> [UInt8] {
        let serializer = try record.signedPart(keyID: nil)
        do {
            return try serializer.finalize()
        } catch {
            throw ProvenanceError(
                code: .tooLong, offset: error.offset, path: error.path, message: error.message)
        }
    }
}
