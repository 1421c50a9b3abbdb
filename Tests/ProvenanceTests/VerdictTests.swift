import EMVQR
import Provenance
import Testing

@Suite struct VerdictTests {
    let signer: TestSigner
    let record: HouseholdRecord
    let code: [UInt8]

    init() throws {
        signer = try TestSigner()
        record = try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json"))
        code = try signer.issuer.issue(record)
    }

    /// Verifies against the list as given and against the same lists signed by a root and read back: every verdict
    /// must be the same under a signed list.
    func verify(
        _ bytes: [UInt8], trust: TrustList? = nil, revocations: RevocationList = .empty, today: CivilDate = fixtureToday
    )
        -> HouseholdVerification
    {
        let plain = HouseholdVerifier(trustList: trust ?? signer.trust, revocations: revocations)
            .verify(bytes, today: today)
        let root = HouseholdSigningKey()
        var dated = trust ?? signer.trust
        var datedRevocations = revocations
        dated.issued = today
        dated.nextUpdate = today
        datedRevocations.issued = today
        datedRevocations.nextUpdate = today
        do {
            let signed = HouseholdVerifier(
                trustList: try TrustList(
                    signed: try dated.signed(rootKeyID: "42", with: root), root: root.publicKey, today: today),
                revocations: try RevocationList(
                    signed: try datedRevocations.signed(rootKeyID: "42", with: root), root: root.publicKey,
                    today: today)
            ).verify(bytes, today: today)
            #expect(signed.verdict == plain.verdict)
            #expect(signed.reason == plain.reason)
        } catch {
            Issue.record("the signed lists do not read back: \(error)")
        }
        return plain
    }

    @Test func verified() throws {
        let result = verify(code)
        #expect(result.verdict == .verified)
        #expect(result.reason == .signatureValid)
        #expect(result.keyID == "18223.1")
        #expect(result.record == (try record.validated()))
    }

    @Test("A buyer reads the reason in Vietnamese by default, with the dates and key it concerns")
    func vietnameseReasons() throws {
        let expired = verify(code, today: CivilDate(year: 2027, month: 11, day: 1)!)
        #expect(expired.message(.vietnamese) == "mã đã hết hạn ngày \(record.expires)")
        #expect(expired.text(.vietnamese).contains("Lý do: mã đã hết hạn"))
        #expect(expired.text(.english).contains("Reason: \(expired.message)"))
        let other = HouseholdIssuer(key: HouseholdSigningKey(), keyID: signer.keyID)
        let forged = verify(try other.issue(record))
        #expect(forged.message(.vietnamese).contains("bị sửa hoặc bị giả mạo"))
        var broken = code
        broken[broken.count - 1] ^= 1
        let malformed = verify(broken)
        #expect(malformed.message(.vietnamese).hasPrefix("mã bị hỏng hoặc sai định dạng"))
    }

    @Test func wrongKeyIsBadSignature() throws {
        // Another key under the same ID: the signature does not match.
        let other = HouseholdIssuer(key: HouseholdSigningKey(), keyID: signer.keyID)
        let result = verify(try other.issue(record))
        #expect(result.verdict == .badSignature)
        #expect(result.reason == .signatureMismatch)
        // Whatever the verdict, the record that could be read is shown, under a warning.
        #expect(result.record?.householdID == "18223-0042")
    }

    @Test func unknownKeyCannotBeChecked() throws {
        let other = HouseholdIssuer(key: HouseholdSigningKey(), keyID: "99999.9")
        let result = verify(try other.issue(record))
        #expect(result.verdict == .unknownKey)
        #expect(result.reason == .keyNotInTrustList)
        #expect(result.keyID == "99999.9")
    }

    @Test func keyOutsideItsValidityCannotVouch() throws {
        var early = record
        early.issued = CivilDate(year: 2025, month: 6, day: 1)!
        let result = verify(try signer.issuer.issue(early))
        #expect(result.verdict == .unknownKey)
        #expect(result.reason == .keyNotValidOnIssueDate)
    }

    @Test func expired() throws {
        let result = verify(code, today: CivilDate(year: 2027, month: 11, day: 1)!)
        #expect(result.verdict == .expired)
        #expect(result.reason == .expiredOn)
        // The last day is still valid.
        #expect(verify(code, today: record.expires).verdict == .verified)
    }

    @Test func revokedHousehold() throws {
        let list = RevocationList([
            RevocationList.Entry(householdID: "18223-0042", issuedBefore: CivilDate(year: 2026, month: 11, day: 15)!)
        ])
        let result = verify(code, revocations: list)
        #expect(result.verdict == .revoked)
        #expect(result.reason == .householdRevoked)
        // A replacement issued on the cut-off day is not revoked.
        var replacement = record
        replacement.issued = CivilDate(year: 2026, month: 11, day: 15)!
        #expect(verify(try signer.issuer.issue(replacement), revocations: list).verdict == .verified)
    }

    @Test func revokedKey() throws {
        let revoked = try TestSigner(status: .revoked)
        let result = verify(code, trust: revoked.trust)
        #expect(result.verdict == .revoked)
        #expect(result.reason == .keyRevoked)
        #expect(result.record?.householdID == "18223-0042")
    }

    @Test func unsigned() throws {
        let result = verify(try HouseholdIssuer.unsignedCode(record))
        #expect(result.verdict == .unsigned)
        #expect(result.reason == .noSignature)
        #expect(result.record?.householdID == "18223-0042")
    }

    @Test func brokenCRCIsMalformedNotForged() throws {
        var damaged = code
        damaged[damaged.count - 1] =
            damaged[damaged.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let result = verify(damaged)
        #expect(result.verdict == .malformed)
        #expect(result.error?.code.rawValue == "crcMismatch")
        #expect(result.reason.rawValue == "crcMismatch")
        #expect(result.error?.offset == code.count - 4)
    }

    @Test("A reason's raw value is what JSON output carries, so it never changes")
    func reasonRawValuesAreStable() {
        let reasons: [HouseholdVerification.Reason: String] = [
            .signatureValid: "signatureValid", .noSignature: "noSignature", .keyNotInTrustList: "keyNotInTrustList",
            .signatureMismatch: "signatureMismatch", .keyRevoked: "keyRevoked",
            .keyNotValidOnIssueDate: "keyNotValidOnIssueDate", .householdRevoked: "householdRevoked",
            .expiredOn: "expiredOn", .householdOutOfScope: "householdOutOfScope",
        ]
        for (reason, rawValue) in reasons { #expect(reason.rawValue == rawValue) }
        #expect(HouseholdVerification.Reason(.provenance(.unknownPlace)).rawValue == "unknownPlace")
    }

    @Test func truncatedCodeIsMalformed() throws {
        let result = verify(Array(code.prefix(100)))
        #expect(result.verdict == .malformed)
    }

    @Test func revocationListJSON() throws {
        let json =
            #"{"version":1,"revoked":[{"householdId":"18223-0042","issuedBefore":"2026-12-01","reason":"lost"}]}"#
        let list = try RevocationList(json: Array(json.utf8))
        #expect(verify(code, revocations: list).verdict == .revoked)
        #expect(throws: ProvenanceError(code: .invalidList, row: 1, message: "")) {
            try RevocationList(
                json: Array(#"{"version":1,"revoked":[{"householdId":"x","issuedBefore":"soon"}]}"#.utf8))
        }
    }

    @Test("JSON output has its keys sorted and slashes unescaped; a trust list is indented, a report one line")
    func jsonLayout() throws {
        let entry = try #require(signer.trust["18223.1"])
        var owned = entry
        owned.owner = "UBND xã Kim Hoa / 18223"
        let trust = String(decoding: TrustList([owned]).json, as: UTF8.self)
        #expect(
            trust == """
                {
                  "keys" : [
                    {
                      "from" : "2026-01-01",
                      "keyId" : "18223.1",
                      "owner" : "UBND xã Kim Hoa / 18223",
                      "publicKey" : "\(entry.publicKey.base64URL)",
                      "scope" : {
                        "communes" : [
                          "18223"
                        ],
                        "provinces" : [

                        ]
                      },
                      "status" : "active",
                      "until" : "2028-12-31"
                    }
                  ],
                  "version" : 1
                }

                """)
        var linked = record
        linked.url = "https://example.vn/h/18223-0042"
        let report = verify(try signer.issuer.issue(linked)).json
        #expect(report.hasPrefix(#"{"keyId":"18223.1","message":"signed by UBND xã Kim Hoa (18223) (key 18223.1)""#))
        #expect(report.contains(#""url":"https://example.vn/h/18223-0042","village""#))
        #expect(!report.contains("\n"))
    }

    @Test func trustListJSONRoundTrip() throws {
        let reread = try TrustList(json: signer.trust.json)
        #expect(reread["18223.1"] == signer.trust["18223.1"])
        #expect(verify(code, trust: reread).verdict == .verified)
        #expect(throws: ProvenanceError(code: .invalidList, message: "")) {
            try TrustList(json: Array(#"{"version":2,"keys":[]}"#.utf8))
        }
    }
}
