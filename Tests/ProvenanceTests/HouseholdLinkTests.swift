import EMVQR
import Foundation
import Provenance
import Testing

/// The link form: `https://HOST/PATH#` + the code, percent-encoded; recognising either form in scanned bytes; the
/// verifier address (tag 13) and the note when a code is opened behind another address.
@Suite struct HouseholdLinkTests {
    static let signer = try! TestSigner()
    static let base = "https://xa-kim-hoa.gov.vn/nguon-goc"
    static let record = try! HouseholdRecord(json: try! fixtureBytes("record-typical.json"))
    static let link = try! signer.issuer.issue(record, link: base)
    static let verifier = HouseholdVerifier(trustList: signer.trust)

    @Test func linkCarriesTheSignedCodeAndItsAddress() throws {
        let link = Self.link
        #expect(link.base == Self.base)
        #expect(link.text.hasPrefix(Self.base + "#0002P1011018223-01070218Tr%E1%BA%A7n%20V%C4%83n%20"))
        // Only unreserved characters, ":", "/" and "%XX" escapes: no space, nothing outside RFC 3986.
        let fragment = link.text.utf8.split(separator: UInt8(ascii: "#"), maxSplits: 1)[1]
        #expect(
            fragment.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                    || Array("-._~:/%".utf8).contains($0)
            })
        let code = try HouseholdCode(parsing: link.code)
        #expect(try code.record.get().verifierAddress == Self.base)
        // Tag 13 is signed: it sits before the signature, after the key ID.
        let field = try #require(code.payload[HouseholdTag.verifierAddress])
        #expect(field.offset < code.signedBytes.count)
        #expect(code.unknownTags.isEmpty)
    }

    @Test func buildThenParseIsIdentity() throws {
        let parsed = try HouseholdLink(parsing: Self.link.text)
        #expect(parsed == Self.link)
        #expect(parsed.code == Self.link.code)
        // Every byte value survives: a code holding each one once after its marker.
        let all = Array("0002P".utf8) + (0...255).map(UInt8.init)
        let built = try HouseholdLink(base: "https://a.vn/", code: all)
        #expect(try HouseholdLink(parsing: built.text).code == all)
    }

    @Test func lowercaseHexAndLiteralSubDelimsDecode() throws {
        // A link an app re-escaped: lowercase hex, and characters RFC 3986 allows in a fragment left literal.
        let text = "HTTPS://XA-KIM-HOA.gov.vn/nguon-goc?utm=1#0002P1%c3%a0!$&'()*+,;=:@/?"
        let link = try HouseholdLink(parsing: text)
        #expect(link.code == Array("0002P1à!$&'()*+,;=:@/?".utf8))
        #expect(link.address == "https://xa-kim-hoa.gov.vn/nguon-goc")
    }

    /// Every malformed link, with its code and the byte offset in the link.
    @Test(arguments: [
        ("http://xa-kim-hoa.gov.vn/nguon-goc#0002P1", "invalidLinkScheme", 0),
        ("0002P1011018223", "invalidLinkScheme", 0),
        ("https:/a.vn#0002P1", "invalidLinkScheme", 0),
        ("https://xa-kim-hoa.gov.vn/nguon-goc", "missingLinkFragment", 35),
        ("https://a.vn/#", "notHouseholdCode", 14),
        ("https://a.vn/#0001P1", "notHouseholdCode", 14),
        ("https://a.vn/#%30002P1", "notHouseholdCode", 14),
        ("https://a.vn/#0002P1%2", "invalidLinkEncoding", 20),
        ("https://a.vn/#0002P1%G0", "invalidLinkEncoding", 20),
        ("https://a.vn/#0002P1 x", "invalidLinkEncoding", 20),
        ("https://a.vn/#0002P1#x", "invalidLinkEncoding", 20),
        ("https://a.vn/#0002P1\"<x>", "invalidLinkEncoding", 20),
        ("https://a.vn/#0002P1à", "invalidLinkEncoding", 20),
        ("https://a vn/#0002P1", "invalidLinkEncoding", 9),
    ])
    func malformedLink(_ text: String, _ code: String, _ offset: Int) {
        #expect {
            try HouseholdLink(parsing: text)
        } throws: { error in
            let error = error as? ProvenanceError
            return error?.code.rawValue == code && error?.offset == offset
        }
    }

    @Test func fragmentLongerThanACodeIsTooLong() {
        let text = "https://a.vn/#0002P1" + String(repeating: "%41", count: 600)
        #expect(throws: ProvenanceError(code: .tooLong, offset: 14, message: "")) {
            try HouseholdLink(parsing: text)
        }
    }

    /// A base must be a verifier address, so that tag 13 and the page's own address compare byte for byte.
    @Test(arguments: [
        ("http://a.vn/", 4), ("https://", 8), ("https://Kim.vn/", 8), ("https://kim.vn", 14),
        ("https://kim.vn/a?b", 16), ("https://kim.vn/a#", 16), ("https://kim.vn:/", 15), ("https://kim.vn/%2", 15),
        ("https://kim.vn/" + String(repeating: "a", count: 85), 99),
    ])
    func badBase(_ base: String, _ offset: Int) {
        #expect(throws: ProvenanceError(code: .invalidField, offset: offset, path: TagPath(13), message: "")) {
            try HouseholdLink(base: base, code: Self.link.code)
        }
    }

    @Test func goodBases() throws {
        for base in ["https://kimhoa.vn/", "https://xa-kim-hoa.gov.vn:8443/nguon-goc/", "https://a.vn/ngu%E1%BB%93n"] {
            #expect(try HouseholdLink(base: base, code: Self.link.code).base == base)
        }
    }

    @Test func codeMustBeAHouseholdCode() {
        #expect(throws: ProvenanceError(code: .notHouseholdCode, message: "")) {
            try HouseholdLink(base: Self.base, code: Array("000201010211".utf8))
        }
    }

    @Test func recordAddressMustMatchTheLink() {
        var record = Self.record
        record.verifierAddress = "https://kimhoa.vn/"
        #expect(throws: ProvenanceError(code: .invalidField, path: TagPath(13), message: "")) {
            try Self.signer.issuer.issue(record, link: Self.base)
        }
    }

    // MARK: Recognising scanned bytes

    @Test func recognisesBothForms() throws {
        let raw = try #require(try ScannedHouseholdCode(recognizing: Self.link.code))
        #expect(raw.bytes == Self.link.code)
        #expect(raw.link == nil)
        let linked = try #require(try ScannedHouseholdCode(recognizing: Array(Self.link.text.utf8)))
        #expect(linked.bytes == Self.link.code)
        #expect(linked.link == Self.link)
        #expect(ScannedHouseholdCode.isHouseholdCode(Array(Self.link.text.utf8)))
        #expect(ScannedHouseholdCode.isHouseholdCode(Self.link.code))
    }

    /// A payment code, another site's link, or text: not a household code, so a reader treats it as what it is.
    @Test(arguments: [
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405500005802VN6304AE7E",
        "https://zalo.me/g/abc#top", "https://xa-kim-hoa.gov.vn/nguon-goc", "Xin chào", "", "#",
    ])
    func notAHouseholdCode(_ text: String) throws {
        #expect(try ScannedHouseholdCode(recognizing: Array(text.utf8)) == nil)
        #expect(!ScannedHouseholdCode.isHouseholdCode(Array(text.utf8)))
    }

    @Test func brokenHouseholdLinkThrows() {
        #expect(ScannedHouseholdCode.isHouseholdCode(Array("http://a.vn/#0002P1".utf8)))
        #expect(throws: ProvenanceError(code: .invalidLinkScheme, message: "")) {
            try ScannedHouseholdCode(recognizing: Array("http://a.vn/#0002P1".utf8))
        }
    }

    // MARK: Verifying the link form; the attacker's links

    @Test func genuineLinkVerifiesWithNoNote() {
        let result = Self.verifier.verify(scanned: Array(Self.link.text.utf8), today: fixtureToday)
        #expect(result.verdict == .verified)
        #expect(result.notes.isEmpty)
        #expect(result.record?.verifierAddress == Self.base)
    }

    @Test func rawCodeVerifiesTheSame() {
        let result = Self.verifier.verify(scanned: Self.link.code, today: fixtureToday)
        #expect(result.verdict == .verified)
        #expect(result.notes.isEmpty)
    }

    /// The head's name changed inside the fragment, CRC fixed up as a forger would: the signature no longer matches.
    @Test func tamperedFragmentIsBadSignature() throws {
        let text = Self.link.text.replacingOccurrences(of: "%C4%90%E1%BB%A9c", with: "%C4%90%E1%BB%B1c")  // Đức→Đực
        #expect(text != Self.link.text)
        let forged = try HouseholdLink(parsing: text).code
        let relinked = try HouseholdLink(base: Self.base, code: withFreshCRC(forged))
        let result = Self.verifier.verify(scanned: Array(relinked.text.utf8), today: fixtureToday)
        #expect(result.verdict == .badSignature)
        #expect(result.reason == .signatureMismatch)
    }

    /// The verifier address is signed: pointing it at a forger's page breaks the signature.
    @Test func changedVerifierAddressIsBadSignature() throws {
        let code = String(decoding: Self.link.code, as: UTF8.self)
        let changed = code.replacingOccurrences(of: "xa-kim-hoa.gov.vn", with: "xa-kim-hoa.gov.vm")
        let relinked = try HouseholdLink(
            base: "https://xa-kim-hoa.gov.vm/nguon-goc", code: withFreshCRC(Array(changed.utf8)))
        let result = Self.verifier.verify(scanned: Array(relinked.text.utf8), today: fixtureToday)
        #expect(result.verdict == .badSignature)
    }

    /// A genuine code copied behind another site still verifies, but says whose page it belongs to.
    @Test func genuineCodeBehindAnotherHostCarriesTheNote() throws {
        let copied = try HouseholdLink(base: "https://kiem-tra-nguon-goc.example/", code: Self.link.code)
        let result = Self.verifier.verify(scanned: Array(copied.text.utf8), today: fixtureToday)
        #expect(result.verdict == .verified)
        #expect(result.notes.count == 1)
        #expect(result.notes.first?.contains("another verifier: \(Self.base)") == true)
        #expect(result.notes.first?.contains("https://kiem-tra-nguon-goc.example/") == true)
        // The same address in other letter case or with a query is the same page: no note.
        let same = try HouseholdLink(parsing: "HTTPS://XA-KIM-HOA.GOV.VN/nguon-goc?src=qr#" + Self.fragment)
        #expect(Self.verifier.verify(scanned: Array(same.text.utf8), today: fixtureToday).notes.isEmpty)
    }

    @Test func brokenLinkReadsMalformedWithTheLinkError() {
        let result = Self.verifier.verify(scanned: Array((Self.link.text + "%").utf8), today: fixtureToday)
        #expect(result.verdict == .malformed)
        #expect(result.reason.rawValue == "invalidLinkEncoding")
        #expect(result.error?.offset == Self.link.text.utf8.count)
    }

    static var fragment: String { String(link.text.split(separator: "#", maxSplits: 1)[1]) }

    // MARK: Tag 13 in the record

    @Test func verifierAddressRoundTripsThroughJSON() throws {
        let json = """
            {"householdId": "18223-0107", "head": "Trần Văn Đức", "village": "Thôn Trung Hòa", "provinceCode": "42",
             "sanitation": "doubleVault", "waste": ["sorting"], "products": [], "issued": "2026-11-01",
             "expires": "2027-10-31", "verifierAddress": "https://kimhoa.vn/"}
            """
        let record = try HouseholdRecord(json: Array(json.utf8))
        #expect(record.verifierAddress == "https://kimhoa.vn/")
        #expect(try HouseholdRecord(json: Array(record.json.utf8)) == record)
        let code = try Self.signer.issuer.issue(record)
        #expect(try HouseholdCode(parsing: code).record.get().verifierAddress == "https://kimhoa.vn/")
    }

    @Test func badVerifierAddressInRecord() {
        var record = Self.record
        record.verifierAddress = "https://kimhoa.vn/?x"
        #expect(throws: ProvenanceError(code: .invalidField, offset: 18, path: TagPath(13), message: "")) {
            try record.validated()
        }
    }

    /// A code whose tag 13 breaks the grammar is malformed once the signature checks out: the field decodes last.
    @Test func badVerifierAddressInCodeIsMalformed() throws {
        var serializer = EMVSerializer()
        let payload = try EMVPayload(parsing: Self.link.code)
        for field in payload.fields where field.tag != 25 && field.tag != 63 {
            if field.tag == 13 {
                try serializer.appendPrimitive(tag: 13, "http://kimhoa.vn/")
            } else {
                try serializer.appendPrimitive(tag: field.tag, Array(field.value))
            }
        }
        let signature = try Self.signer.key.signature(for: serializer.bytes)
        try serializer.appendPrimitive(tag: 25, Base64URL.encode(signature))
        let bytes = try serializer.finalize()
        let result = Self.verifier.verify(scanned: bytes, today: fixtureToday)
        #expect(result.verdict == .malformed)
        #expect(result.error?.path == TagPath(13))
    }
}
