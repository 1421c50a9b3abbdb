extension SignedList {
    /// Signs a list's bytes with a root key.
    ///
    /// - Parameters:
    ///   - payload: The list's JSON, for example ``TrustList/json``; it must name its issue and next-update days.
    ///   - rootKeyID: The root key's ID, for example `42`.
    ///   - key: The root's private key.
    /// - Throws: ``ProvenanceError/Code/invalidList`` for a root key ID no list may carry or a payload over
    ///   ``maximumPayloadBytes``; ``ProvenanceError/Code/signingFailed``.
    public init(signing payload: [UInt8], rootKeyID: String, with key: HouseholdSigningKey) throws(ProvenanceError) {
        guard HouseholdRecord.isValidKeyID(rootKeyID) else {
            throw ProvenanceError(
                code: .invalidList, message: "the root key ID must be 1–32 letters, digits, '.', '-' or '_'")
        }
        guard !payload.isEmpty, payload.count <= Self.maximumPayloadBytes else {
            throw ProvenanceError(
                code: .invalidList, message: "a signed list carries 1 to \(Self.maximumPayloadBytes) bytes")
        }
        let signature = try key.signature(for: Self.message(rootKeyID: rootKeyID, payload: payload))
        self.init(rootKeyID: rootKeyID, payload: payload, signature: signature)
    }

    /// Reads a signed list and checks its signature with the root key.
    ///
    /// - Returns: The list as read, its payload now authenticated.
    /// - Throws: ``ProvenanceError/Code/listNotSigned`` when the bytes are not a signed list at all,
    ///   ``ProvenanceError/Code/invalidList`` when its layout is broken, ``ProvenanceError/Code/listSignatureMismatch``
    ///   when the signature does not verify.
    public static func verified(
        _ bytes: [UInt8], root: HouseholdPublicKey, what: String
    ) throws(ProvenanceError)
        -> SignedList
    {
        guard isSignedList(bytes) else {
            throw ProvenanceError(
                code: .listNotSigned,
                message: "\(what) is not a signed list, but a root key was given to check one; sign it with "
                    + "`villageqr trust sign`, or give no root key to use it unsigned")
        }
        let list = try SignedList(parsing: bytes)
        guard root.isValidSignature(list.signature, for: list.signedBytes[...]) else {
            throw ProvenanceError(
                code: .listSignatureMismatch,
                message: "\(what)'s signature does not verify with the root key given (the list names root key "
                    + "\(list.rootKeyID)): it was changed, or another root signed it; do not use it")
        }
        return list
    }
}

extension TrustList {
    /// Reads a signed trust list: checks the root's signature, then reads the list, then its dates.
    ///
    /// - Parameters:
    ///   - bytes: The signed list's file, as ``signed(rootKeyID:with:)`` writes it.
    ///   - root: The root's public key, which the verifier was configured with.
    ///   - today: The day to check staleness against; Vietnam's date by default.
    /// - Throws: As ``SignedList/verified(_:root:what:)``; as ``init(json:)`` for the list inside;
    ///   ``ProvenanceError/Code/listUndated``; ``ProvenanceError/Code/staleList`` when `today` is after its next
    ///   update. A stale list is refused, not used with a warning: it may lack the revocation of a leaked key.
    public init(signed bytes: [UInt8], root: HouseholdPublicKey, today: CivilDate = .today()) throws(ProvenanceError) {
        let signed = try SignedList.verified(bytes, root: root, what: "the trust list")
        try self.init(listJSON: signed.payload)
        guard rootKeyID == nil || rootKeyID == signed.rootKeyID else {
            throw ProvenanceError(
                code: .invalidList,
                message: "the trust list names root \(rootKeyID ?? "") but is signed as root \(signed.rootKeyID)")
        }
        try SignedList.checkDates(issued: issued, nextUpdate: nextUpdate, today: today, what: "the trust list")
        rootKeyID = signed.rootKeyID
    }

    /// The list signed with a root key, as a file for verifiers.
    ///
    /// - Throws: ``ProvenanceError/Code/listUndated`` unless ``issued`` and ``nextUpdate`` are set; as
    ///   ``SignedList/init(signing:rootKeyID:with:)``.
    public func signed(rootKeyID: String, with key: HouseholdSigningKey) throws(ProvenanceError) -> [UInt8] {
        guard issued != nil, nextUpdate != nil else {
            throw ProvenanceError(code: .listUndated, message: "set the trust list's issued and nextUpdate to sign it")
        }
        var named = self
        named.rootKeyID = rootKeyID
        return try SignedList(signing: named.json, rootKeyID: rootKeyID, with: key).bytes
    }
}

extension RevocationList {
    /// Reads a signed revocation list, as ``TrustList/init(signed:root:today:)`` reads a trust list.
    public init(signed bytes: [UInt8], root: HouseholdPublicKey, today: CivilDate = .today()) throws(ProvenanceError) {
        let signed = try SignedList.verified(bytes, root: root, what: "the revocation list")
        try self.init(listJSON: signed.payload)
        try SignedList.checkDates(
            issued: issued, nextUpdate: nextUpdate, today: today, what: "the revocation list")
        rootKeyID = signed.rootKeyID
    }

    /// The list signed with a root key, as a file for verifiers.
    ///
    /// - Throws: ``ProvenanceError/Code/listUndated`` unless ``issued`` and ``nextUpdate`` are set; as
    ///   ``SignedList/init(signing:rootKeyID:with:)``.
    public func signed(rootKeyID: String, with key: HouseholdSigningKey) throws(ProvenanceError) -> [UInt8] {
        guard issued != nil, nextUpdate != nil else {
            throw ProvenanceError(
                code: .listUndated, message: "set the revocation list's issued and nextUpdate to sign it")
        }
        return try SignedList(signing: json, rootKeyID: rootKeyID, with: key).bytes
    }
}
