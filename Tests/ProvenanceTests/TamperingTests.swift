import EMVQR
import Provenance
import Testing

/// Every field of a signed code, changed in turn and the CRC fixed up as a forger would: never `verified`, and
/// `badSignature` for every field the signature covers.
@Suite struct TamperingTests {
    static let signer = try! TestSigner()
    /// The signer's key and a second one, 18223.2: a code whose key ID is changed to 18223.2 names a trusted key
    /// whose signature it does not carry. (Changed to an untrusted ID, it reads as `unknownKey`: not checkable.)
    static let trust: TrustList = {
        var entries = Array(signer.trust.entries.values)
        var second = entries[0]
        second.keyID = "18223.2"
        second.publicKey = HouseholdSigningKey().publicKey
        entries.append(second)
        return TrustList(entries)
    }()
    /// The same list under a root's signature, read back as a verifier reads it.
    static let signedTrust: TrustList = {
        let root = HouseholdSigningKey()
        var dated = trust
        dated.issued = fixtureToday
        dated.nextUpdate = fixtureToday
        return try! TrustList(
            signed: try! dated.signed(rootKeyID: "42", with: root), root: root.publicKey, today: fixtureToday)
    }()
    static let code: [UInt8] = {
        let record = try! HouseholdRecord(json: try! fixtureBytes("record-18223-0042.json"))
        return try! signer.issuer.issue(record)
    }()

    /// Every primitive field before the signature, by path: the record's own and the products' children.
    static let signedFields: [String] = {
        let payload = try! EMVPayload(parsing: code)
        return payload.allFields.filter { !$0.isTemplate && $0.tag != 25 && $0.tag != 63 && $0.tag != 0 }
            .map { $0.path.description }
    }()

    @Test func everyFieldIsCovered() {
        // 01–03, 07–10, 12, and six + five product children.
        #expect(Self.signedFields.count == 8 + 6 + 5)
    }

    /// Replaces the value's last character with another of the same byte length, keeping the grammar intact.
    @Test(arguments: signedFields)
    func changedFieldIsBadSignature(_ pathText: String) throws {
        let payload = try EMVPayload(parsing: Self.code)
        let field = try #require(payload[TagPath(pathText)!])
        var bytes = Self.code
        let at = field.valueOffset + field.value.count - 1
        bytes[at] = replacement(for: bytes[at])
        for trust in [Self.trust, Self.signedTrust] {
            let result = HouseholdVerifier(trustList: trust).verify(withFreshCRC(bytes), today: fixtureToday)
            #expect(result.verdict == .badSignature, "\(pathText): \(result.reason)")
        }
    }

    @Test func changedSignatureIsBadSignature() throws {
        let payload = try EMVPayload(parsing: Self.code)
        let field = try #require(payload[25])
        var bytes = Self.code
        bytes[field.valueOffset + 10] =
            bytes[field.valueOffset + 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let result = HouseholdVerifier(trustList: Self.trust).verify(withFreshCRC(bytes), today: fixtureToday)
        #expect(result.verdict == .badSignature)
    }

    @Test func changedFormatIndicatorIsNeverVerified() throws {
        var bytes = Self.code
        bytes[5] = UInt8(ascii: "2")  // "P1" -> "P2"
        let result = HouseholdVerifier(trustList: Self.trust).verify(withFreshCRC(bytes), today: fixtureToday)
        #expect(result.verdict == .malformed)
        #expect(result.error?.code == .provenance(.unsupportedVersion))
    }

    @Test func droppedProductIsBadSignature() throws {
        let payload = try EMVPayload(parsing: Self.code)
        var serializer = EMVSerializer()
        for field in payload.fields where field.tag != 81 && field.tag != 63 { serializer.append(field) }
        let result = HouseholdVerifier(trustList: Self.trust).verify(try serializer.finalize(), today: fixtureToday)
        #expect(result.verdict == .badSignature)
    }

    /// Another byte of the same kind. The signature is checked before any field is read, so the change need not
    /// keep the field's grammar.
    func replacement(for byte: UInt8) -> UInt8 {
        if byte >= 0x30 && byte <= 0x38 { return byte + 1 }
        if (byte >= 0x61 && byte < 0x7A) || (byte >= 0x41 && byte < 0x5A) { return byte + 1 }
        return byte ^ 0x01
    }
}
