// A signed list, version 1: one line of JSON in exactly this layout, then a line feed.
//
//     {"version":1,"keyId":ROOT-KEY-ID,"payload":PAYLOAD,"signature":SIGNATURE}
//
//     ROOT-KEY-ID = DQUOTE 1*32(ALPHA / DIGIT / "." / "-" / "_") DQUOTE
//     PAYLOAD     = DQUOTE base64url(list bytes), no padding, canonical DQUOTE
//     SIGNATURE   = DQUOTE base64url(64-byte Ed25519 signature), 86 characters DQUOTE
//
// The signed message is the file's bytes from the `{` up to, not including, the `,` before "signature": the
// version, the root key ID and the payload text exactly as written. The payload is the trust list's or the
// revocation list's JSON, its bytes exactly as signed, so no JSON canonicalisation is needed: a verifier checks the
// signature, then decodes the payload and reads it as an ordinary list. Any other layout, spacing or key order is
// refused, so that a signed list has one encoding and a changed byte anywhere is refused.
//
// Parsing needs no cryptography (SignedList+Signing.swift signs and verifies), so it can be fuzzed on its own.

/// A trust list or revocation list under a root key's Ed25519 signature, as verifiers receive it.
///
/// ```swift
/// let trust = try TrustList(signed: fileBytes, root: try HouseholdPublicKey(pem: rootPEM))
/// ```
public struct SignedList: Sendable, Hashable {
    /// The root key's ID, as the list names it. It is signed, but a verifier trusts the root's public key, not this.
    public let rootKeyID: String
    /// The list's JSON, exactly as signed.
    public let payload: [UInt8]
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]

    /// The most payload bytes a signed list may carry: 16 MiB, some 60,000 trust-list keys.
    public static let maximumPayloadBytes = 16 << 20

    static let head = Array(#"{"version":1,"keyId":""#.utf8)
    static let versionHead = Array(#"{"version":"#.utf8)
    static let payloadHead = Array(#"","payload":""#.utf8)
    static let signatureHead = Array(#"","signature":""#.utf8)
    static let tail = Array(#""}"#.utf8)

    /// Whether `bytes` claim to be a signed list: they open as one of any version does, `{"version":N,"keyId":"`.
    /// An unsigned list's JSON never does, since no list has a top-level `keyId`.
    public static func isSignedList(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.starts(with: versionHead) else { return false }
        let rest = bytes.dropFirst(versionHead.count).drop { $0 >= 0x30 && $0 <= 0x39 }
        return rest.count < bytes.count - versionHead.count && rest.starts(with: Array(#","keyId":""#.utf8))
    }

    /// The signed message for a root key ID and a payload.
    static func message(rootKeyID: String, payload: some Collection<UInt8>) -> [UInt8] {
        head + Array(rootKeyID.utf8) + payloadHead + Array(Base64URL.encode(payload).utf8) + [UInt8(ascii: "\"")]
    }

    /// The bytes the signature covers.
    public var signedBytes: [UInt8] { Self.message(rootKeyID: rootKeyID, payload: payload) }

    /// The file: the one-line layout above and a line feed.
    public var bytes: [UInt8] {
        signedBytes + Self.signatureHead.dropFirst() + Array(Base64URL.encode(signature).utf8) + Self.tail + [0x0A]
    }

    /// A signed list from its parts, for a signer; ``init(signing:rootKeyID:with:)`` makes the signature.
    init(rootKeyID: String, payload: [UInt8], signature: [UInt8]) {
        self.rootKeyID = rootKeyID
        self.payload = payload
        self.signature = signature
    }

    /// Reads a signed list's layout, without checking its signature.
    ///
    /// - Parameter bytes: The file's bytes.
    /// - Throws: ``ProvenanceError/Code/invalidList`` with the byte offset where the layout breaks.
    public init(parsing bytes: [UInt8]) throws(ProvenanceError) {
        var at = 0
        func fail(_ message: String) -> ProvenanceError {
            ProvenanceError(code: .invalidList, offset: at, message: "the signed list: \(message) at byte \(at)")
        }
        func expect(_ literal: [UInt8], _ what: String) throws(ProvenanceError) {
            guard bytes.count - at >= literal.count, bytes[at..<at + literal.count].elementsEqual(literal) else {
                // Point at the first byte that differs.
                var i = 0
                while at + i < bytes.count, i < literal.count, bytes[at + i] == literal[i] { i += 1 }
                at += i
                throw fail("expected \(what)")
            }
            at += literal.count
        }
        /// The text up to the next `"`.
        func string(max: Int) -> ArraySlice<UInt8> {
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), at - start <= max { at += 1 }
            return bytes[start..<at]
        }
        if Self.isSignedList(bytes), !bytes.starts(with: Self.head) {
            at = Self.versionHead.count
            throw fail("only version 1 is supported; expected 1")
        }
        try expect(Self.head, #"{"version":1,"keyId":""#)
        let keyStart = at
        let keyID = String(decoding: string(max: 32), as: UTF8.self)
        guard HouseholdRecord.isValidKeyID(keyID) else {
            at = keyStart
            throw fail("the root key ID must be 1–32 letters, digits, '.', '-' or '_'")
        }
        try expect(Self.payloadHead, #"","payload":""#)
        let payloadStart = at
        let payloadText = string(max: (Self.maximumPayloadBytes / 3 + 1) * 4)
        guard payloadText.count <= (Self.maximumPayloadBytes / 3 + 1) * 4 else {
            at = payloadStart
            throw fail("the payload is longer than \(Self.maximumPayloadBytes) bytes")
        }
        guard let payload = Base64URL.decode(payloadText), !payload.isEmpty else {
            at = payloadStart
            throw fail("the payload is not canonical base64url without padding")
        }
        try expect(Self.signatureHead, #"","signature":""#)
        let signatureStart = at
        let signatureText = string(max: 86)
        guard signatureText.count == 86, let signature = Base64URL.decode(signatureText), signature.count == 64 else {
            at = signatureStart
            throw fail("the signature is not 86 base64url characters encoding 64 bytes")
        }
        try expect(Self.tail, #""}"#)
        if at < bytes.count, bytes[at] == 0x0A { at += 1 }
        guard at == bytes.count else { throw fail("nothing may follow the list's closing brace and line feed") }
        self.init(rootKeyID: keyID, payload: payload, signature: signature)
    }

    /// Checks a list's issue and next-update days, as every signed list must carry them.
    ///
    /// - Throws: ``ProvenanceError/Code/listUndated`` when a day is missing; ``ProvenanceError/Code/staleList`` when
    ///   `today` is after the next update.
    static func checkDates(
        issued: CivilDate?, nextUpdate: CivilDate?, today: CivilDate, what: String
    ) throws(ProvenanceError) {
        guard let issued, let nextUpdate else {
            throw ProvenanceError(
                code: .listUndated,
                message: "\(what) must name its issue date and its next-update date (issued, nextUpdate)")
        }
        guard today <= nextUpdate else {
            throw ProvenanceError(
                code: .staleList,
                message: "\(what) issued \(issued) is stale: a newer one was due on \(nextUpdate); get the current "
                    + "list, which may withdraw keys or households this one does not")
        }
    }
}
