import EMVQR
import Foundation
import Provenance
import TestSupport

/// The repository's Fixtures/Provenance folder.
let fixtures = Repository.path("Fixtures/Provenance")

func fixtureBytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
}

func fixtureText(_ name: String) throws -> String {
    String(decoding: try fixtureBytes(name), as: UTF8.self)
}

/// The openssl-made test key and a trust list holding it: by default with no stated scope, so vouching for commune
/// 18223, which its key ID names.
struct TestSigner {
    let key: HouseholdSigningKey
    let keyID = "18223.1"
    let issuer: HouseholdIssuer
    let trust: TrustList

    init(status: TrustList.Status = .active, scope: TrustScope? = nil) throws {
        key = try HouseholdSigningKey(pem: try fixtureText("test-key-18223.1.pem"))
        issuer = HouseholdIssuer(key: key, keyID: keyID)
        trust = TrustList([
            TrustList.Entry(
                keyID: keyID, publicKey: key.publicKey, owner: "UBND xã Kim Hoa (18223)",
                from: CivilDate(year: 2026, month: 1, day: 1)!, until: CivilDate(year: 2028, month: 12, day: 31)!,
                status: status, scope: scope)
        ])
    }
}

let fixtureToday = CivilDate(year: 2026, month: 11, day: 29)!

/// Rewrites a code's CRC after an edit, as a forger would.
func withFreshCRC(_ bytes: [UInt8]) -> [UInt8] {
    var body = Array(bytes.dropLast(4))
    body.append(contentsOf: CRC16.hexDigits(CRC16.checksum(body)))
    return body
}

func hex(_ text: Substring) -> [UInt8] {
    if text == "-" { return [] }
    var out: [UInt8] = []
    var i = text.startIndex
    while i < text.endIndex {
        let j = text.index(i, offsetBy: 2)
        out.append(UInt8(text[i..<j], radix: 16)!)
        i = j
    }
    return out
}
