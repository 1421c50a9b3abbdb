import Foundation
import Provenance
import Testing

/// Keys and signatures cross between swift-crypto and the real openssl command, both ways.
@Suite struct OpenSSLInteropTests {
    let directory: URL
    let keyPath: String

    init() throws {
        directory = try temporaryDirectory()
        keyPath = directory.appendingPathComponent("openssl.pem").path
        let made = try run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", keyPath])
        #expect(made.status == 0, "openssl genpkey failed: \(made.err)")
    }

    @Test func opensslKeySignsCodesThatVerify() throws {
        let key = try HouseholdSigningKey(pem: String(contentsOfFile: keyPath, encoding: .utf8))
        let issuer = HouseholdIssuer(key: key, keyID: "18223.9")
        let code = try issuer.issue(try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json")))
        let trust = TrustList([
            TrustList.Entry(
                keyID: "18223.9", publicKey: key.publicKey, owner: "test", from: CivilDate("2026-01-01")!,
                until: CivilDate("2027-12-31")!)
        ])
        #expect(HouseholdVerifier(trustList: trust).verify(code, today: fixtureToday).verdict == .verified)
    }

    @Test func opensslPublicKeyMatchesOurs() throws {
        let pub = try run("openssl", ["pkey", "-in", keyPath, "-pubout"])
        #expect(pub.status == 0)
        let fromOpenSSL = try HouseholdPublicKey(pem: String(decoding: pub.out, as: UTF8.self))
        let ours = try HouseholdSigningKey(pem: String(contentsOfFile: keyPath, encoding: .utf8)).publicKey
        #expect(fromOpenSSL == ours)
        // And our PEM of it reads back in openssl.
        let pubPath = directory.appendingPathComponent("ours.pub.pem").path
        try ours.pemRepresentation.write(toFile: pubPath, atomically: true, encoding: .utf8)
        #expect(try run("openssl", ["pkey", "-pubin", "-in", pubPath, "-noout"]).status == 0)
    }

    @Test func opensslVerifiesOurSignatureOverTheSignedBytes() throws {
        let key = try HouseholdSigningKey(pem: String(contentsOfFile: keyPath, encoding: .utf8))
        let code = try HouseholdCode(
            parsing: try HouseholdIssuer(key: key, keyID: "18223.9")
                .issue(try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json"))))
        let message = directory.appendingPathComponent("signed.bin")
        let signature = directory.appendingPathComponent("sig.bin")
        try Data(code.signedBytes).write(to: message)
        try Data(code.signature!).write(to: signature)
        let pubPath = directory.appendingPathComponent("pub.pem").path
        try key.publicKey.pemRepresentation.write(toFile: pubPath, atomically: true, encoding: .utf8)
        let verified = try run(
            "openssl",
            [
                "pkeyutl", "-verify", "-pubin", "-inkey", pubPath, "-rawin", "-in", message.path, "-sigfile",
                signature.path,
            ])
        #expect(verified.status == 0, "\(verified.err)")
        // One byte changed: openssl must reject it too.
        var changed = Array(code.signedBytes)
        changed[20] ^= 1
        try Data(changed).write(to: message)
        let rejected = try run(
            "openssl",
            [
                "pkeyutl", "-verify", "-pubin", "-inkey", pubPath, "-rawin", "-in", message.path, "-sigfile",
                signature.path,
            ])
        #expect(rejected.status != 0)
    }

    /// The signed list as the specification describes it, checked by openssl alone: the signed bytes are the file up
    /// to the `,` before "signature", the signature its base64url value; and a root key made by openssl signs lists
    /// that we verify.
    @Test func opensslVerifiesASignedListFromTheSpecification() throws {
        let file = try fixtureBytes("signed-trust-42.json")
        let cut = try #require(find(Array(#","signature":""#.utf8), in: file))
        let signatureText = file[cut.upperBound..<(file.count - 3)]
        var base64 = String(decoding: signatureText, as: UTF8.self).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let message = directory.appendingPathComponent("list-signed.bin")
        let signature = directory.appendingPathComponent("list-sig.bin")
        try Data(file[..<cut.lowerBound]).write(to: message)
        try #require(Data(base64Encoded: base64)).write(to: signature)
        let arguments = [
            "pkeyutl", "-verify", "-pubin", "-inkey", fixtures.appendingPathComponent("test-root-42.pub.pem").path,
            "-rawin", "-in", message.path, "-sigfile", signature.path,
        ]
        #expect(try run("openssl", arguments).status == 0)
        var changed = Array(file[..<cut.lowerBound])
        changed[40] ^= 1
        try Data(changed).write(to: message)
        #expect(try run("openssl", arguments).status != 0)
        // An openssl-made root signs; we verify.
        let root = try HouseholdSigningKey(pem: String(contentsOfFile: keyPath, encoding: .utf8))
        var list = try TestSigner().trust
        list.issued = fixtureToday
        list.nextUpdate = fixtureToday
        let signed = try list.signed(rootKeyID: "42", with: root)
        #expect(try TrustList(signed: signed, root: root.publicKey, today: fixtureToday)["18223.1"] != nil)
    }

    @Test func ourKeyFileIsReadByOpenSSL() throws {
        let pemPath = directory.appendingPathComponent("ours.pem").path
        let key = HouseholdSigningKey()
        try key.pemRepresentation.write(toFile: pemPath, atomically: true, encoding: .utf8)
        let pub = try run("openssl", ["pkey", "-in", pemPath, "-pubout"])
        #expect(pub.status == 0)
        #expect(try HouseholdPublicKey(pem: String(decoding: pub.out, as: UTF8.self)) == key.publicKey)
    }
}
