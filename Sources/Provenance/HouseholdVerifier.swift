import EMVQR

/// Verifies scanned household codes against a trust list and a revocation list, offline.
///
/// The checks run in a fixed order and the first that fails gives the verdict and its
/// ``HouseholdVerification/Reason``:
///
/// 1. Structure: the TLV grammar, the CRC, the format indicator, the signature's place → ``Verdict/malformed``,
///    the error's code.
/// 2. A signature at all → ``Verdict/unsigned``, `noSignature`.
/// 3. The key ID in the trust list → ``Verdict/unknownKey``, `keyNotInTrustList`.
/// 4. The Ed25519 signature over the bytes as scanned, before the signature field → ``Verdict/badSignature``,
///    `signatureMismatch`.
/// 5. The key withdrawn as a whole (revoked with no date) → ``Verdict/revoked``, `keyRevoked`.
/// 6. The record's fields → ``Verdict/malformed``, the error's code.
/// 7. The household within the key's scope → ``Verdict/outOfScope``, `householdOutOfScope`.
/// 8. The key revoked from a day on or before the issue date → ``Verdict/revoked``, `keyRevoked`.
/// 9. The issue date within the key's validity → ``Verdict/unknownKey``, `keyNotValidOnIssueDate`.
/// 10. The household on the revocation list → ``Verdict/revoked``, `householdRevoked`.
/// 11. The expiry date → ``Verdict/expired``, `expiredOn`.
///
/// A code that passes them all is ``Verdict/verified``, `signatureValid`.
///
/// The signature is checked before any field is interpreted, so a tampered field reads as ``Verdict/badSignature``
/// whatever it was changed to. The scope is checked only once a trusted key's signature is proven and the household
/// ID is read, so a code that cannot be checked never reads as forged; and before any date, because a key never
/// vouches outside its scope, whatever the dates.
public struct HouseholdVerifier: Sendable {
    /// The trusted keys.
    public var trustList: TrustList
    /// The withdrawn households.
    public var revocations: RevocationList

    /// Makes a verifier.
    public init(trustList: TrustList, revocations: RevocationList = .empty) {
        self.trustList = trustList
        self.revocations = revocations
    }

    /// Verifies a code.
    ///
    /// - Parameters:
    ///   - bytes: The code's bytes exactly as scanned.
    ///   - today: The day to check expiry against; Vietnam's date by default.
    /// - Returns: The verdict, its reason and what could be read.
    public func verify(_ bytes: ArraySlice<UInt8>, today: CivilDate = .today()) -> HouseholdVerification {
        let code: HouseholdCode
        do {
            code = try HouseholdCode(parsing: bytes)
        } catch {
            return malformed(error)
        }
        return verify(code, today: today)
    }

    /// Verifies a code held in an array.
    public func verify(_ bytes: [UInt8], today: CivilDate = .today()) -> HouseholdVerification {
        verify(bytes[...], today: today)
    }

    /// Verifies a code read from text, such as a scanner's output.
    public func verify(_ text: String, today: CivilDate = .today()) -> HouseholdVerification {
        verify(Array(text.utf8)[...], today: today)
    }

    /// Verifies a code that has been read.
    public func verify(_ code: HouseholdCode, today: CivilDate = .today()) -> HouseholdVerification {
        let record = try? code.record.get()
        var outcome = check(code, today: today)
        outcome.keyID = code.keyID
        outcome.record = record
        if let record, record.hasPre2025Place {
            outcome.notes.append(
                "commune code \(record.communeCode) is not in the 2025-07-01 list; read as a pre-2025 code")
        }
        if !code.unknownTags.isEmpty {
            outcome.notes.append(
                "\(code.unknownTags.count) field(s) this version does not know: "
                    + code.unknownTags.map(\.description).joined(separator: ", "))
        }
        return outcome
    }

    /// The verdict, reason and signer for a code, from the checks in order.
    func check(_ code: HouseholdCode, today: CivilDate) -> HouseholdVerification {
        guard let signature = code.signature else {
            if case .failure(let error) = code.record {
                return malformed(error)
            }
            return result(.unsigned, .noSignature, "the code carries no signature; it proves nothing")
        }
        guard let keyID = code.keyID else {
            let error = ProvenanceError(
                code: .missingField, offset: code.signedBytes.count, path: TagPath(HouseholdTag.keyID),
                message: "the code is signed but names no key (tag 12)")
            return malformed(error)
        }
        guard let entry = trustList[keyID] else {
            return result(.unknownKey, .keyNotInTrustList, "key \(keyID) is not in the trust list; cannot check")
        }
        guard entry.publicKey.isValidSignature(signature, for: code.signedBytes) else {
            return result(
                .badSignature, .signatureMismatch,
                "the signature does not match the code's bytes for key \(keyID): altered or forged", signer: entry)
        }
        if entry.isWithdrawn {
            return result(.revoked, .keyRevoked, "key \(keyID) of \(entry.owner) has been revoked", signer: entry)
        }
        let record: HouseholdRecord
        switch code.record {
        case .failure(let error):
            return malformed(error, signer: entry)
        case .success(let decoded):
            record = decoded
        }
        guard entry.scope.contains(record) else {
            return result(
                .outOfScope, .householdOutOfScope,
                "signed by \(entry.owner), which may not vouch for households of \(record.communeCode) "
                    + "(key \(keyID) vouches for \(entry.scope))", signer: entry)
        }
        if entry.isRevoked(forIssueDate: record.issued), let revokedOn = entry.revokedOn {
            return result(
                .revoked, .keyRevoked,
                "key \(keyID) of \(entry.owner) is revoked for codes issued from \(revokedOn); this one was issued "
                    + "\(record.issued)", signer: entry)
        }
        guard entry.from <= record.issued && record.issued <= entry.until else {
            return result(
                .unknownKey, .keyNotValidOnIssueDate,
                "key \(keyID) signs codes issued \(entry.from) to \(entry.until), not on \(record.issued)",
                signer: entry)
        }
        if let revocation = revocations.revocation(of: record.householdID, issued: record.issued) {
            return result(
                .revoked, .householdRevoked,
                "codes for \(record.householdID) issued before \(revocation.issuedBefore) are withdrawn"
                    + (revocation.reason.map { ": \($0)" } ?? ""), signer: entry)
        }
        if record.expires < today {
            return result(.expired, .expiredOn, "the code expired on \(record.expires)", signer: entry)
        }
        return result(.verified, .signatureValid, "signed by \(entry.owner) (key \(keyID))", signer: entry)
    }

    /// A verdict with no key ID, record or notes: verifying a read code adds those, in one place.
    func result(
        _ verdict: Verdict, _ reason: HouseholdVerification.Reason, _ message: String, signer: TrustList.Entry? = nil,
        error: ProvenanceError? = nil
    ) -> HouseholdVerification {
        HouseholdVerification(
            verdict: verdict, reason: reason, message: message, keyID: nil, record: nil, signer: signer, notes: [],
            error: error)
    }

    /// The result for a code whose structure or record is broken: its reason is the error's code.
    func malformed(_ error: ProvenanceError, signer: TrustList.Entry? = nil) -> HouseholdVerification {
        result(.malformed, HouseholdVerification.Reason(error.code), error.message, signer: signer, error: error)
    }
}
