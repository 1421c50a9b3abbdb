import EMVQR
import Foundation
import Provenance
import Testing

@Suite struct WireFormatTests {
    let signer: TestSigner
    let record: HouseholdRecord

    init() throws {
        signer = try TestSigner()
        record = try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json"))
    }

    @Test func issuedCodeReadsBackAsTheSameRecord() throws {
        let bytes = try signer.issuer.issue(record)
        let code = try HouseholdCode(parsing: bytes)
        #expect(try code.record.get() == record.validated())
        #expect(code.keyID == signer.keyID)
        #expect(code.unknownTags.isEmpty)
        #expect(code.payload.serialized() == bytes)
    }

    @Test func typicalRecordFitsTheSizeTarget() throws {
        let typical = try HouseholdRecord(json: try fixtureBytes("record-typical.json"))
        let bytes = try signer.issuer.issue(typical)
        // Two products, names with diacritics, no URL: about 330 bytes or less (see the specification).
        #expect(bytes.count <= 330)
        #expect(bytes.starts(with: Array("0002P1".utf8)))
        #expect(bytes.suffix(8).starts(with: Array("6304".utf8)))
    }

    @Test func placeNamesComeFromTheList() throws {
        let validated = try record.validated()
        #expect(validated.place.communeName == "Xã Kim Hoa")
        #expect(validated.place.provinceName == "Hà Tĩnh")
        #expect(!validated.hasPre2025Place)
    }

    @Test func pre2025CommuneIsAcceptedAndCarriesItsNames() throws {
        let old = try HouseholdRecord(json: try fixtureBytes("record-pre2025.json"))
        let bytes = try signer.issuer.issue(old)
        let code = try HouseholdCode(parsing: bytes)
        let decoded = try code.record.get()
        #expect(decoded.hasPre2025Place)
        #expect(decoded.place.communeName == "Xã Thử Nghiệm")
        // Commune 18223's key may not vouch for 18220; a key for 18220, or for its province, may.
        #expect(HouseholdVerifier(trustList: signer.trust).verify(bytes, today: fixtureToday).verdict == .outOfScope)
        let scoped = try TestSigner(scope: TrustScope(communes: ["18220"]))
        let result = HouseholdVerifier(trustList: scoped.trust).verify(bytes, today: fixtureToday)
        #expect(result.verdict == .verified)
        #expect(result.notes.contains { $0.contains("pre-2025") })
    }

    @Test func unknownCommuneIsRejected() throws {
        var bad = record
        bad.householdID = "99999-0001"
        #expect(throws: ProvenanceError(code: .unknownPlace, message: "")) { try bad.validated() }
        var wrongProvince = record
        wrongProvince.place.provinceCode = "01"
        #expect(throws: ProvenanceError(code: .unknownPlace, message: "")) { try wrongProvince.validated() }
    }

    @Test("A listed commune's code may name its province, but only the one the list gives")
    func listedCommuneWithAProvinceCode() throws {
        let verifier = HouseholdVerifier(trustList: signer.trust)
        #expect(verifier.verify(try signedCode(province: "42"), today: fixtureToday).verdict == .verified)

        let wrong = try signedCode(province: "40")
        let result = verifier.verify(wrong, today: fixtureToday)
        #expect(result.verdict == .malformed)
        #expect(result.reason == HouseholdVerification.Reason(.provenance(.unknownPlace)))
        let at = try #require(wrong.firstRange(of: Array("040240".utf8))).lowerBound + 4
        #expect(result.error == ProvenanceError(code: .unknownPlace, offset: at, path: TagPath(4), message: ""))

        // A province code that breaks its grammar is an invalid field, as it is for a pre-2025 commune.
        let garbled = verifier.verify(try signedCode(province: "4x"), today: fixtureToday)
        #expect(garbled.error == ProvenanceError(code: .invalidField, offset: at, path: TagPath(4), message: ""))
    }

    /// Some phones produce decomposed text: it must sign the same bytes as the precomposed form.
    @Test func nfdAndNFCGiveTheSameSignatureInput() throws {
        var decomposed = record
        decomposed.head = record.head.decomposedStringWithCanonicalMapping
        decomposed.place.village = record.place.village.decomposedStringWithCanonicalMapping
        decomposed.products[0].name = record.products[0].name.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.head.utf8) != Array(record.head.utf8))
        #expect(try HouseholdIssuer.unsignedCode(decomposed) == HouseholdIssuer.unsignedCode(record))
        let bytes = try signer.issuer.issue(decomposed)
        #expect(HouseholdVerifier(trustList: signer.trust).verify(bytes, today: fixtureToday).verdict == .verified)
    }

    @Test func paymentCodeIsNotAHouseholdCode() throws {
        let vietQR = "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN6304"
        let bytes = withFreshCRC(Array((vietQR + "0000").utf8))
        #expect(throws: ProvenanceError(code: .notHouseholdCode, offset: 4, path: TagPath(0), message: "")) {
            try HouseholdCode(parsing: bytes)
        }
    }

    @Test func householdCodeIsNotAPaymentCode() throws {
        let bytes = try signer.issuer.issue(record)
        // A payment reader sees a format indicator other than "01" and, strictly, rejects the code.
        #expect(throws: EMVQRError(code: .unexpectedFormatIndicator, offset: 4, path: TagPath(0), message: "")) {
            try EMVPayload(parsing: bytes, mode: .strict)
        }
    }

    @Test func unknownTagsAreToleratedAndSigned() throws {
        var serializer = try unsignedPrefix()
        try serializer.appendPrimitive(tag: 14, "future")
        let signature = try signer.key.signature(for: serializer.bytes)
        try serializer.appendPrimitive(tag: 25, base64url(signature))
        let bytes = try serializer.finalize()
        let result = HouseholdVerifier(trustList: signer.trust).verify(bytes, today: fixtureToday)
        #expect(result.verdict == .verified)
        #expect(try HouseholdCode(parsing: bytes).unknownTags == [TagPath(14)])

        // Changing the unknown field breaks the signature.
        var tampered = bytes
        let at = tampered.firstRange(of: Array("future".utf8))!.lowerBound
        tampered[at] = UInt8(ascii: "F")
        #expect(
            HouseholdVerifier(trustList: signer.trust).verify(withFreshCRC(tampered), today: fixtureToday).verdict
                == .badSignature)
    }

    @Test func duplicateFieldIsMalformed() throws {
        var serializer = try unsignedPrefix()
        try serializer.appendPrimitive(tag: 2, "Kẻ Giả Mạo")
        let bytes = try serializer.finalize()
        let error = #expect(throws: ProvenanceError.self) { try HouseholdCode(parsing: bytes) }
        #expect(error?.code == .provenance(.duplicateTag))
        #expect(error?.path == TagPath(2))
    }

    @Test("A code EMVQR cannot read wraps EMVQR's error: its code, position and the error itself")
    func brokenGrammarWrapsEMVQR() throws {
        var bytes = try unsignedPrefix().finalize()
        bytes[bytes.count - 1] = bytes[bytes.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let error = #expect(throws: ProvenanceError.self) { try HouseholdCode(parsing: bytes) }
        #expect(error?.code == .emvqr(.crcMismatch))
        #expect(error?.code.rawValue == "crcMismatch")
        #expect(error?.underlying?.code == .crcMismatch)
        #expect(error?.underlying?.offset == error?.offset)
        #expect(error?.path == TagPath(63))
        // A rule of the household format is not EMVQR's.
        var serializer = try unsignedPrefix()
        try serializer.appendPrimitive(tag: 2, "Kẻ Giả Mạo")
        let duplicate = #expect(throws: ProvenanceError.self) { try HouseholdCode(parsing: serializer.finalize()) }
        #expect(duplicate?.underlying == nil)
    }

    @Test func signatureMustBeLast() throws {
        var serializer = try unsignedPrefix()
        let signature = try signer.key.signature(for: serializer.bytes)
        try serializer.appendPrimitive(tag: 25, base64url(signature))
        try serializer.appendPrimitive(tag: 13, "unsigned tail")
        let bytes = try serializer.finalize()
        let result = HouseholdVerifier(trustList: signer.trust).verify(bytes, today: fixtureToday)
        #expect(result.verdict == .malformed)
        #expect(result.error?.code == .provenance(.signatureNotLast))
    }

    @Test func nonCanonicalSignatureEncodingIsMalformed() throws {
        let bytes = try signer.issuer.issue(record)
        let text = String(decoding: bytes, as: UTF8.self)
        // The 86th character carries 4 unused bits (86 × 6 − 512); setting one must not give a second valid form.
        let sigStart = text.utf8.count - 8 - 86
        var edited = bytes
        let last = edited[sigStart + 85]
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let value = alphabet.firstIndex(of: last)!
        edited[sigStart + 85] = alphabet[value | 1]
        let result = HouseholdVerifier(trustList: signer.trust).verify(withFreshCRC(edited), today: fixtureToday)
        #expect(value & 0x0F == 0)
        #expect(result.verdict == .malformed)
        #expect(result.error?.code == .provenance(.invalidSignatureEncoding))
    }

    /// The record's fields and the test key's ID, ready for a signature; with `province`, a province code (tag 04)
    /// after the village.
    func unsignedPrefix(province: String? = nil) throws -> EMVSerializer {
        var serializer = EMVSerializer()
        let unsigned = try HouseholdIssuer.unsignedCode(record)
        let payload = try EMVPayload(parsing: unsigned)
        for field in payload.fields where field.tag != 63 {
            serializer.append(field)
            if let province, field.tag == HouseholdTag.village { try serializer.appendPrimitive(tag: 4, province) }
        }
        try serializer.appendPrimitive(tag: 12, signer.keyID)
        return serializer
    }

    /// The record's code with a province code (tag 04) after the village, signed by the test key.
    func signedCode(province: String) throws -> [UInt8] {
        var serializer = try unsignedPrefix(province: province)
        try serializer.appendPrimitive(tag: 25, base64url(try signer.key.signature(for: serializer.bytes)))
        return try serializer.finalize()
    }

    func base64url(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }
}

@Suite struct TextRuleTests {
    @Test(arguments: ["Lê\u{0007}Văn", "Lê\u{202E}nặV", "Lê\u{2066}Văn", "Lê\u{009B}Văn"])
    func controlAndDirectionCharactersAreRefused(_ name: String) throws {
        var record = try HouseholdRecord(json: try fixtureBytes("record-typical.json"))
        record.head = name
        let error = #expect(throws: ProvenanceError.self) { try record.validated() }
        #expect(error?.code == .provenance(.invalidField))
        #expect(error?.path == TagPath(2))
    }
}
