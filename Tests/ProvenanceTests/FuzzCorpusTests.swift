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
