import EMVQR
import Foundation
import Provenance
import QRImaging
import Testing

/// A key vouches only for the households of its scope: a commune for its own, a province office for its province.
/// Each attack is played as a dishonest holder of a real key would: a genuine signature over someone else's
/// household.
@Suite struct ScopeTests {
    let signer: TestSigner
    let record: HouseholdRecord

    init() throws {
        signer = try TestSigner()
        record = try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json"))
    }

    /// The fixture's household moved to Phường Ba Đình (00004), Hà Nội (01).
    var hanoiRecord: HouseholdRecord {
        var moved = record
        moved.householdID = "00004-0001"
        moved.place = HouseholdRecord.Place(village: "Tổ 3", provinceCode: "01")
        return moved
    }

    func verify(_ bytes: [UInt8], _ trust: TrustList) -> HouseholdVerification {
        HouseholdVerifier(trustList: trust).verify(bytes, today: fixtureToday)
    }

    /// The test key listed as 18223.1 with `scope`.
    func trust(_ scope: TrustScope?, status: TrustList.Status = .active, revokedOn: CivilDate? = nil) -> TrustList {
        let entry = signer.trust["18223.1"]!
        return TrustList([
            TrustList.Entry(
                keyID: entry.keyID, publicKey: entry.publicKey, owner: "commune 18223", from: entry.from,
                until: entry.until, status: status, revokedOn: revokedOn, scope: scope)
        ])
    }

    @Test("commune 18223's key signs a Hà Nội household: outOfScope, naming signer and commune, never verified")
    func otherCommuneIsOutOfScope() throws {
        let code = try signer.issuer.issue(hanoiRecord)
        let result = verify(code, signer.trust)
        #expect(result.verdict == .outOfScope)
        #expect(result.reason == .householdOutOfScope)
        #expect(result.reason.rawValue == "householdOutOfScope")
        #expect(result.message.contains("which may not vouch for households of 00004"))
        #expect(result.message.contains(signer.trust["18223.1"]!.owner))
        #expect(result.text(.english).contains("WARNING: the record below is NOT vouched for."))
        #expect(result.message(.vietnamese).contains("00004"))
        // The same code read from a rendered and scanned image.
        let png = try QRCode(encoding: code, options: .init(errorCorrection: .medium)).png(PNGOptions(scale: 4))
        let scanned = try #require(try QRScanner().scan(imageData: png).first)
        #expect(verify(scanned.bytes, signer.trust).verdict == .outOfScope)
    }

    @Test("the key's own commune verifies; a scope of several communes verifies each")
    func ownCommuneVerifies() throws {
        #expect(verify(try signer.issuer.issue(record), signer.trust).verdict == .verified)
        let two = trust(TrustScope(communes: ["18223", "00004"]))
        #expect(verify(try signer.issuer.issue(hanoiRecord), two).verdict == .verified)
        #expect(verify(try signer.issuer.issue(record), two).verdict == .verified)
    }

    @Test("a province key verifies for every commune of its province, and for no commune of another")
    func provinceKey() throws {
        let province = trust(TrustScope(provinces: ["42"]))
        let communes = AdminUnits.allCommunes.filter { $0.provinceCode == "42" }
        #expect(communes.count == 69)
        for commune in communes {
            var moved = record
            moved.householdID = "\(commune.code)-0001"
            moved.place = HouseholdRecord.Place(village: "Thôn 1", provinceCode: "42")
            let result = verify(try signer.issuer.issue(moved), province)
            #expect(result.verdict == .verified, "\(commune.code): \(result.reason)")
        }
        let result = verify(try signer.issuer.issue(hanoiRecord), province)
        #expect(result.verdict == .outOfScope)
        // A province code in the code does not move a 2025 commune into another province.
        #expect(verify(try signer.issuer.issue(hanoiRecord), trust(TrustScope(provinces: ["01"]))).isVerified)
    }

    @Test("a pre-2025 commune: in scope by its own code or by the province its code names")
    func pre2025Commune() throws {
        let old = try HouseholdRecord(json: try fixtureBytes("record-pre2025.json"))
        let code = try signer.issuer.issue(old)
        #expect(verify(code, trust(TrustScope(communes: ["18220"]))).isVerified)
        #expect(verify(code, trust(TrustScope(provinces: ["42"]))).isVerified)
        #expect(verify(code, trust(TrustScope(communes: ["18223"]))).verdict == .outOfScope)
        #expect(verify(code, trust(TrustScope(provinces: ["01"]))).verdict == .outOfScope)
    }

    @Test("the scope stands at step 7: after the signature and the key's withdrawal, before every date")
    func order() throws {
        let hanoi = hanoiRecord
        // A forged signature is badSignature, an unknown key unknownKey: the scope is never reached.
        let forger = HouseholdIssuer(key: HouseholdSigningKey(), keyID: "18223.1")
        #expect(verify(try forger.issue(hanoi), signer.trust).verdict == .badSignature)
        let stranger = HouseholdIssuer(key: HouseholdSigningKey(), keyID: "00004.1")
        #expect(verify(try stranger.issue(hanoi), signer.trust).verdict == .unknownKey)
        // A key withdrawn as a whole reads revoked.
        #expect(verify(try signer.issuer.issue(hanoi), trust(nil, status: .revoked)).verdict == .revoked)
        // Out of scope wins over the key's dates, a dated revocation, expiry.
        var early = hanoi
        early.issued = CivilDate(year: 2025, month: 1, day: 1)!
        early.expires = CivilDate(year: 2025, month: 6, day: 1)!
        #expect(verify(try signer.issuer.issue(early), signer.trust).verdict == .outOfScope)
        let dated = trust(nil, status: .revoked, revokedOn: CivilDate(year: 2026, month: 1, day: 1)!)
        #expect(verify(try signer.issuer.issue(hanoi), dated).verdict == .outOfScope)
        // An unsigned code for any household stays unsigned.
        #expect(verify(try HouseholdIssuer.unsignedCode(hanoi), signer.trust).verdict == .unsigned)
    }

    @Test("a list entry with no scope reads as its key ID's commune, with a warning; no commune, nothing")
    func legacyScope() throws {
        let key = signer.trust["18223.1"]!.publicKey.base64URL
        func list(_ id: String) throws -> TrustList {
            try TrustList(
                json: Array(
                    #"{"version":1,"keys":[{"keyId":"\#(id)","publicKey":"\#(key)","owner":"old","from":"2026-01-01","until":"2028-12-31","status":"active"}]}"#
                        .utf8))
        }
        let old = try list("18223.1")
        #expect(old["18223.1"]?.scope == TrustScope(communes: ["18223"]))
        #expect(old.warnings.map(\.code) == [.unsignedList, .scopeFromKeyID])
        #expect(old.warnings[1].row == 1)
        #expect(verify(try signer.issuer.issue(record), old).isVerified)
        #expect(verify(try signer.issuer.issue(hanoiRecord), old).verdict == .outOfScope)
        let bare = try list("18223")
        #expect(bare["18223"]?.scope == TrustScope(communes: ["18223"]))
        let named = try list("DEMO.1")
        #expect(named["DEMO.1"]?.scope == .nothing)
        #expect(named.warnings.map(\.code) == [.unsignedList, .scopeEmpty])
        let demo = HouseholdIssuer(key: signer.key, keyID: "DEMO.1")
        #expect(verify(try demo.issue(record), named).verdict == .outOfScope)
        // Six digits, or five and a letter, name no commune.
        #expect(TrustScope.commune(namedBy: "182231.1") == nil)
        #expect(TrustScope.commune(namedBy: "18223a") == nil)
    }

    @Test("scope JSON: read, written back explicitly, and bad codes refused with the entry's row")
    func scopeJSON() throws {
        let key = signer.trust["18223.1"]!.publicKey.base64URL
        func entry(_ scope: String) -> [UInt8] {
            Array(
                #"{"version":1,"keys":[{"keyId":"42.1","publicKey":"\#(key)","owner":"Sở NN Hà Tĩnh","from":"2026-01-01","until":"2028-12-31","status":"active","scope":\#(scope)}]}"#
                    .utf8)
        }
        let list = try TrustList(json: entry(#"{"provinces":["42"]}"#))
        #expect(list["42.1"]?.scope == TrustScope(provinces: ["42"]))
        #expect(list.warnings.map(\.code) == [.unsignedList])
        let reread = try TrustList(json: list.json)
        #expect(reread["42.1"] == list["42.1"])
        #expect(String(decoding: list.json, as: UTF8.self).contains(#""provinces" : ["#))
        for bad in [#"{"communes":["1822"]}"#, #"{"communes":["99999"]}"#, #"{"provinces":["00"]}"#] {
            #expect(throws: ProvenanceError(code: .invalidList, row: 1, message: ""), "\(bad)") {
                try TrustList(json: entry(bad))
            }
        }
        #expect(try TrustList(json: entry("{}")).warnings.map(\.code) == [.unsignedList, .scopeEmpty])
    }

    @Test("issuing against a trust list refuses a household outside the key's scope before signing")
    func issuingChecksScope() throws {
        let publicKey = signer.key.publicKey
        #expect(throws: ProvenanceError(code: .outOfScope, path: TagPath(1), message: "")) {
            try signer.trust.checkIssuing(try hanoiRecord.validated(), keyID: "18223.1", publicKey: publicKey)
        }
        try signer.trust.checkIssuing(try record.validated(), keyID: "18223.1", publicKey: publicKey)
        #expect(throws: ProvenanceError(code: .invalidKey, message: "")) {
            try signer.trust.checkIssuing(
                try record.validated(), keyID: "18223.1", publicKey: HouseholdSigningKey().publicKey)
        }
    }
}

/// Keys withdrawn from a day, and two keys of one commune side by side.
@Suite struct KeyLifetimeTests {
    let signer: TestSigner
    let record: HouseholdRecord

    init() throws {
        signer = try TestSigner()
        record = try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json"))
    }

    func issued(_ year: Int, _ month: Int, _ day: Int, by issuer: HouseholdIssuer? = nil) throws -> [UInt8] {
        var dated = record
        dated.issued = CivilDate(year: year, month: month, day: day)!
        dated.expires = CivilDate(year: 2029, month: 12, day: 31)!
        return try (issuer ?? signer.issuer).issue(dated)
    }

    @Test("a key revoked from a day: codes issued before it verify, codes issued on or after it are revoked")
    func datedRevocation() throws {
        var entry = signer.trust["18223.1"]!
        entry.status = .revoked
        entry.revokedOn = CivilDate(year: 2026, month: 11, day: 1)!
        let verifier = HouseholdVerifier(trustList: TrustList([entry]))
        #expect(verifier.verify(try issued(2026, 10, 31), today: fixtureToday).verdict == .verified)
        let after = verifier.verify(try issued(2026, 11, 1), today: fixtureToday)
        #expect(after.verdict == .revoked)
        #expect(after.reason == .keyRevoked)
        #expect(after.message.contains("from 2026-11-01"))
        #expect(after.message(.vietnamese).contains("2026-11-01"))
        #expect(verifier.verify(try issued(2027, 3, 1), today: fixtureToday).verdict == .revoked)
        // The date survives the JSON round trip; an active key with a date is refused.
        let reread = try TrustList(json: TrustList([entry]).json)
        #expect(reread["18223.1"]?.revokedOn == entry.revokedOn)
        let active = String(decoding: TrustList([entry]).json, as: UTF8.self)
            .replacingOccurrences(of: "\"revoked\"", with: "\"active\"")
        #expect(throws: ProvenanceError(code: .invalidList, row: 1, message: "")) {
            try TrustList(json: Array(active.utf8))
        }
    }

    @Test("rollover: the old key and its replacement both verify within their dates, and only within them")
    func rollover() throws {
        let old = signer.trust["18223.1"]!
        let newKey = HouseholdSigningKey()
        let oldEntry = TrustList.Entry(
            keyID: "18223.1", publicKey: old.publicKey, owner: "commune 18223", from: CivilDate("2024-01-01")!,
            until: CivilDate("2026-06-30")!)
        let newEntry = TrustList.Entry(
            keyID: "18223.2", publicKey: newKey.publicKey, owner: "commune 18223", from: CivilDate("2026-06-01")!,
            until: CivilDate("2030-12-31")!)
        let verifier = HouseholdVerifier(trustList: TrustList([oldEntry, newEntry]))
        let replacement = HouseholdIssuer(key: newKey, keyID: "18223.2")
        #expect(verifier.verify(try issued(2026, 5, 1), today: fixtureToday).isVerified)
        #expect(verifier.verify(try issued(2026, 6, 15), today: fixtureToday).isVerified)
        #expect(verifier.verify(try issued(2026, 6, 15, by: replacement), today: fixtureToday).isVerified)
        #expect(verifier.verify(try issued(2026, 11, 1, by: replacement), today: fixtureToday).isVerified)
        #expect(verifier.verify(try issued(2026, 7, 1), today: fixtureToday).reason == .keyNotValidOnIssueDate)
        #expect(
            verifier.verify(try issued(2026, 5, 1, by: replacement), today: fixtureToday).reason
                == .keyNotValidOnIssueDate)
    }

    @Test func addingDays() {
        let day = CivilDate(year: 2026, month: 12, day: 15)!
        #expect(day.adding(days: 30) == CivilDate(year: 2027, month: 1, day: 14))
        #expect(CivilDate(year: 2028, month: 2, day: 28)!.adding(days: 1) == CivilDate(year: 2028, month: 2, day: 29))
        #expect(CivilDate(year: 2027, month: 3, day: 1)!.adding(days: -1) == CivilDate(year: 2027, month: 2, day: 28))
        #expect(CivilDate(year: 9999, month: 12, day: 31)!.adding(days: 1) == nil)
        #expect(day.adding(days: 0) == day)
    }
}
