import Foundation
import Provenance
import Testing

/// Replays the libFuzzer corpus: every input the fuzzer kept must read as a code or a typed error, and a verifier
/// with no trusted key must never get as far as a signature's verdict.
@Suite struct FuzzCorpusTests {
    static let inputs: [String] = {
        let folder = fixtures.deletingLastPathComponent().appendingPathComponent("fuzz/provenance")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
            folder.appendingPathComponent($0).path
        }
    }()

    @Test func corpusIsPresent() {
        #expect(Self.inputs.count >= 3)
    }

    @Test func noInputReadsAsVerifiedWithoutATrustedKey() throws {
        let verifier = HouseholdVerifier(trustList: TrustList())
        var verdicts: Set<Verdict> = []
        for path in Self.inputs {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let result = verifier.verify(scanned: bytes, today: fixtureToday)
            // Without a trusted key there is nothing to check a signature against: an input is malformed,
            // unsigned, or signed by a key the verifier does not know, and nothing else.
            #expect([.malformed, .unsigned, .unknownKey].contains(result.verdict), "\(path): \(result.verdict)")
            verdicts.insert(result.verdict)
        }
        #expect(verdicts.contains(.unknownKey))
        #expect(verdicts.contains(.malformed))
    }
}

extension FuzzCorpusTests {
    /// A code the test key really signed carries exactly the signed bytes that issuing its record again gives, and
    /// nothing after its signature. Any other input the fuzzer kept that verified would be a forgery.
    @Test func inputsThatVerifyAreWhatTheKeySigned() throws {
        let signer = try TestSigner()
        let verifier = HouseholdVerifier(trustList: signer.trust)
        var verified = 0
        for path in Self.inputs {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let result = verifier.verify(scanned: bytes, today: fixtureToday)
            guard result.verdict == .verified else { continue }
            verified += 1
            let record = try #require(result.record, "\(path)")
            let reissued = try HouseholdCode(parsing: try signer.issuer.issue(record))
            // In either form: a link's code is its decoded fragment.
            let code = try HouseholdCode(parsing: try #require(try ScannedHouseholdCode(recognizing: bytes)).bytes)
            #expect(code.signedBytes.elementsEqual(reissued.signedBytes), "\(path)")
            #expect(code.unknownTags.isEmpty, "\(path)")
        }
        // The corpus holds genuine codes as seeds, so this checks something.
        #expect(verified > 0)
    }
}

/// Replays the signed-list fuzzer's corpus: every input reads as a list or a typed error, and only the fixture's
/// genuine signed list verifies under the fixture root, since nobody else holds its private key.
@Suite struct TrustListFuzzCorpusTests {
    static let inputs: [String] = {
        let folder = fixtures.deletingLastPathComponent().appendingPathComponent("fuzz/trust-list")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
            folder.appendingPathComponent($0).path
        }
    }()

    @Test func corpusIsPresent() {
        #expect(Self.inputs.count >= 4)
    }

    @Test func onlyTheGenuineListVerifies() throws {
        let root = try HouseholdPublicKey(pem: try fixtureText("test-root-42.pub.pem"))
        let genuine = try SignedList(parsing: try fixtureBytes("signed-trust-42.json"))
        let stranger = HouseholdSigningKey().publicKey
        var verified = 0
        var read = 0
        for path in Self.inputs {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect((try? TrustList(signed: bytes, root: stranger, today: fixtureToday)) == nil, "\(path)")
            if (try? TrustList(json: bytes)) != nil || (try? RevocationList(json: bytes)) != nil { read += 1 }
            guard let list = try? TrustList(signed: bytes, root: root, today: fixtureToday) else { continue }
            verified += 1
            #expect(try SignedList(parsing: bytes).payload == genuine.payload, "\(path)")
            #expect(list.rootKeyID == "42")
        }
        // The corpus holds the genuine list and unsigned lists as seeds, so this checks something.
        #expect(verified > 0)
        #expect(read > 0)
    }
}
