import Foundation
import FuzzChecks
import TestSupport
import Testing

/// Replays each libFuzzer corpus, Fixtures/fuzz/<target>/, through the checks its fuzz target runs (FuzzChecks):
/// every input the fuzzer kept must keep every promise, and the corpus must reach both sides of each target's
/// verdict, so that the replay checks something.
enum Corpus {
    /// Each input of the corpus in Fixtures/fuzz/`name`, with its file name, in name order.
    static func inputs(_ name: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = Repository.path("Fixtures/fuzz/\(name)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    /// How many inputs of the corpus in Fixtures/fuzz/`name` gave each outcome of `check`; a broken promise is an
    /// issue naming the input.
    static func replay<Outcome: Hashable>(
        _ name: String, _ check: ([UInt8]) throws(FuzzFailure) -> Outcome
    ) throws -> [Outcome: Int] {
        var outcomes: [Outcome: Int] = [:]
        for input in try inputs(name) {
            do throws(FuzzFailure) {
                outcomes[try check(input.bytes), default: 0] += 1
            } catch {
                Issue.record("Fixtures/fuzz/\(name)/\(input.name): \(error)")
            }
        }
        return outcomes
    }
}

@Suite("Fixtures/fuzz: every input keeps its target's promises")
struct FuzzCorpusTests {
    @Test("emvqr: payloads round-trip, every reading agrees, the rest are typed errors")
    func emvqr() throws {
        var check = EMVQRFuzzCheck()
        let outcomes = try Corpus.replay("emvqr") { bytes throws(FuzzFailure) in try check.check(bytes) }
        #expect(outcomes.values.reduce(0, +) >= 40)
        #expect(outcomes[.payload, default: 0] > 0)
        #expect(outcomes[.refused, default: 0] > 0)
    }

    @Test("vietqr: both modes, generically and with VietQR's nesting alike")
    func vietqr() throws {
        let outcomes = try Corpus.replay("vietqr", VietQRFuzzCheck.check)
        #expect(outcomes.values.reduce(0, +) >= 50)
        // The seeds are real payments, so payments with and without warnings are both exercised.
        #expect(outcomes[.payment(warned: false), default: 0] > 0)
        #expect(outcomes[.payment(warned: true), default: 0] > 0)
        #expect(outcomes[.refused, default: 0] > 0)
    }

    @Test("provenance: codes and links read, and records encode again to themselves")
    func provenance() throws {
        let outcomes = try Corpus.replay("provenance", HouseholdCodeFuzzCheck.check)
        #expect(outcomes.values.reduce(0, +) >= 3)
        #expect(outcomes[.record, default: 0] > 0)
        #expect(outcomes[.refused, default: 0] > 0)
    }

    @Test("trust-list: signed lists have one encoding, and lists write back to themselves")
    func trustList() throws {
        let outcomes = try Corpus.replay("trust-list", SignedListFuzzCheck.check)
        #expect(outcomes.values.reduce(0, +) >= 4)
        #expect(outcomes.keys.contains { $0.signed && $0.trustList })
        #expect(outcomes.keys.contains { !$0.signed && $0.trustList })
        #expect(outcomes.keys.contains { $0.revocationList })
    }
}
