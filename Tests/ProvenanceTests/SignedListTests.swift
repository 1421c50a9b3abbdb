import EMVQR
import Foundation
import Provenance
import Testing

/// Trust lists and revocation lists under a root's signature: what a verifier accepts, and every way an attacker
/// who controls the file, the USB stick or the mirror might try to get a changed list accepted.
@Suite struct SignedListTests {
    static let root = HouseholdSigningKey()
    static let issued = CivilDate(year: 2026, month: 11, day: 1)!
    static let next = CivilDate(year: 2026, month: 12, day: 1)!

    let signer: TestSigner
    let code: [UInt8]

    init() throws {
        signer = try TestSigner()
        code = try signer.issuer.issue(try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json")))
    }

    /// The test signer's list, dated and signed by `root`.
    func signedList(root: HouseholdSigningKey = Self.root, id: String = "42") throws -> [UInt8] {
        var list = signer.trust
        list.issued = Self.issued
        list.nextUpdate = Self.next
        return try list.signed(rootKeyID: id, with: root)
    }

    @Test("a signed list reads back, names its root and dates, and verifies codes")
    func roundTrip() throws {
        let bytes = try signedList()
        let list = try TrustList(signed: bytes, root: Self.root.publicKey, today: fixtureToday)
        #expect(list.rootKeyID == "42")
        #expect(list.issued == Self.issued)
        #expect(list.nextUpdate == Self.next)
        #expect(list.warnings.isEmpty)
        #expect(list["18223.1"] == signer.trust["18223.1"])
        #expect(HouseholdVerifier(trustList: list).verify(code, today: fixtureToday).isVerified)
        // One line, in the one layout, ending in a line feed.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"version":1,"keyId":"42","payload":""#))
        #expect(text.hasSuffix("\"}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        // Any JSON reader reads the envelope.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["keyId"] as? String == "42")
        #expect((object["signature"] as? String)?.count == 86)
    }

    @Test("every single byte of a signed list changed: refused, never read")
    func everyByteChanged() throws {
        let bytes = try signedList()
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x20] {
                var changed = bytes
                changed[index] ^= flip
                #expect(
                    (try? TrustList(signed: changed, root: Self.root.publicKey, today: fixtureToday)) == nil,
                    "byte \(index) ^ \(flip)")
            }
        }
        // Cut short, or with anything appended: refused. (Only the final line feed is optional.)
        for cut in [2, 3, 10, bytes.count / 2] {
            #expect(throws: ProvenanceError.self) {
                try TrustList(signed: Array(bytes.dropLast(cut)), root: Self.root.publicKey, today: fixtureToday)
            }
        }
        #expect(throws: ProvenanceError(code: .invalidList, offset: bytes.count, message: "")) {
            try TrustList(signed: bytes + Array(" ".utf8), root: Self.root.publicKey, today: fixtureToday)
        }
    }

    @Test("a key added to the payload and the list re-signed by another root: refused, listSignatureMismatch")
    func otherRoot() throws {
        let impostor = HouseholdSigningKey()
        var list = signer.trust
        list.insert(
            TrustList.Entry(
                keyID: "00004.1", publicKey: impostor.publicKey, owner: "forged", from: Self.issued, until: Self.next))
        list.issued = Self.issued
        list.nextUpdate = Self.next
        let forged = try list.signed(rootKeyID: "42", with: impostor)
        #expect(throws: ProvenanceError(code: .listSignatureMismatch, message: "")) {
            try TrustList(signed: forged, root: Self.root.publicKey, today: fixtureToday)
        }
        // The payload swapped into a genuine envelope, keeping the genuine signature: refused.
        let genuine = try SignedList(parsing: try signedList())
        let swapped = try SignedList(parsing: forged)
        let genuineSignature = Array(Base64URLText.encode(genuine.signature).utf8)
        let forgedSignature = Array(Base64URLText.encode(swapped.signature).utf8)
        var spliced = Array(swapped.bytes)
        let range = try #require(find(forgedSignature, in: spliced))
        spliced.replaceSubrange(range, with: genuineSignature)
        #expect(throws: ProvenanceError(code: .listSignatureMismatch, message: "")) {
            try TrustList(signed: spliced, root: Self.root.publicKey, today: fixtureToday)
        }
    }

    @Test("a stale list is refused: on its next-update day it is good, the day after it is staleList")
    func stale() throws {
        let bytes = try signedList()
        _ = try TrustList(signed: bytes, root: Self.root.publicKey, today: Self.next)
        #expect(throws: ProvenanceError(code: .staleList, message: "")) {
            try TrustList(signed: bytes, root: Self.root.publicKey, today: Self.next.adding(days: 1)!)
        }
    }

    @Test("a list signed without its dates, or naming another root inside, is refused")
    func undatedOrMisnamed() throws {
        let undated = try SignedList(signing: signer.trust.json, rootKeyID: "42", with: Self.root).bytes
        #expect(throws: ProvenanceError(code: .listUndated, message: "")) {
            try TrustList(signed: undated, root: Self.root.publicKey, today: fixtureToday)
        }
        var other = signer.trust
        other.issued = Self.issued
        other.nextUpdate = Self.next
        other.rootKeyID = "43"
        let misnamed = try SignedList(signing: other.json, rootKeyID: "42", with: Self.root).bytes
        #expect(throws: ProvenanceError(code: .invalidList, message: "")) {
            try TrustList(signed: misnamed, root: Self.root.publicKey, today: fixtureToday)
        }
        #expect(throws: ProvenanceError(code: .listUndated, message: "")) {
            try signer.trust.signed(rootKeyID: "42", with: Self.root)
        }
    }

    @Test(
        "an unsigned file given where a signed one is required: listNotSigned; a revocation list as a trust list: refused"
    )
    func wrongKinds() throws {
        #expect(throws: ProvenanceError(code: .listNotSigned, message: "")) {
            try TrustList(signed: signer.trust.json, root: Self.root.publicKey, today: fixtureToday)
        }
        let revocations = RevocationList(
            [RevocationList.Entry(householdID: "18223-0042", issuedBefore: Self.next)], issued: Self.issued,
            nextUpdate: Self.next)
        let signedRevocations = try revocations.signed(rootKeyID: "42", with: Self.root)
        #expect(throws: ProvenanceError(code: .invalidList, message: "")) {
            try TrustList(signed: signedRevocations, root: Self.root.publicKey, today: fixtureToday)
        }
        #expect(throws: ProvenanceError(code: .invalidList, message: "")) {
            try RevocationList(signed: try signedList(), root: Self.root.publicKey, today: fixtureToday)
        }
    }

    @Test("a signed revocation list withdraws a household; changed or wrongly signed, it is refused")
    func revocationList() throws {
        let revocations = RevocationList(
            [RevocationList.Entry(householdID: "18223-0042", issuedBefore: Self.next, reason: "lost")],
            issued: Self.issued, nextUpdate: Self.next)
        let bytes = try revocations.signed(rootKeyID: "42", with: Self.root)
        let read = try RevocationList(signed: bytes, root: Self.root.publicKey, today: fixtureToday)
        #expect(read.rootKeyID == "42")
        #expect(read.warnings.isEmpty)
        let trust = try TrustList(signed: try signedList(), root: Self.root.publicKey, today: fixtureToday)
        let result = HouseholdVerifier(trustList: trust, revocations: read).verify(code, today: fixtureToday)
        #expect(result.verdict == .revoked)
        #expect(result.reason == .householdRevoked)
        // Dropping the revocation means changing the payload: refused.
        let empty = try RevocationList([], issued: Self.issued, nextUpdate: Self.next).signed(
            rootKeyID: "42", with: HouseholdSigningKey())
        #expect(throws: ProvenanceError(code: .listSignatureMismatch, message: "")) {
            try RevocationList(signed: empty, root: Self.root.publicKey, today: fixtureToday)
        }
        var changed = bytes
        changed[40] ^= 0x01
        #expect(throws: ProvenanceError.self) {
            try RevocationList(signed: changed, root: Self.root.publicKey, today: fixtureToday)
        }
        #expect(throws: ProvenanceError(code: .staleList, message: "")) {
            try RevocationList(signed: bytes, root: Self.root.publicKey, today: Self.next.adding(days: 1)!)
        }
    }

    @Test("the layout is strict: spacing, key order and versions other than the one written are refused")
    func strictLayout() throws {
        let text = String(decoding: try signedList(), as: UTF8.self)
        let variants = [
            text.replacingOccurrences(of: #"{"version":1,"#, with: #"{ "version":1,"#),
            text.replacingOccurrences(of: #"{"version":1,"#, with: #"{"version":2,"#),
            text.replacingOccurrences(of: #""keyId":"42","#, with: #""keyId":"4 2","#),
            text.replacingOccurrences(of: "\"}\n", with: "\"}\r\n"),
            text.replacingOccurrences(of: #""payload":""#, with: #""payload": ""#),
        ]
        for variant in variants {
            let error = #expect(throws: ProvenanceError.self, "\(variant.prefix(40))") {
                try SignedList(parsing: Array(variant.utf8))
            }
            #expect(error?.code == .provenance(.invalidList))
        }
        // Without the final line feed it is still the one layout.
        _ = try SignedList(parsing: Array(text.utf8.dropLast()))
        let misspelt = text.replacingOccurrences(of: #","payload""#, with: #","payloaD""#)
        let error = #expect(throws: ProvenanceError.self) { try SignedList(parsing: Array(misspelt.utf8)) }
        #expect(error?.offset == find(Array("payloaD".utf8), in: Array(misspelt.utf8))!.lowerBound + 6)
    }
}

/// Base64url as RFC 4648 §5 writes it, for splicing signatures in tests.
enum Base64URLText {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// The first range where `needle` occurs in `haystack`.
func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
    guard needle.count <= haystack.count else { return nil }
    for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle)
    {
        return start..<start + needle.count
    }
    return nil
}
