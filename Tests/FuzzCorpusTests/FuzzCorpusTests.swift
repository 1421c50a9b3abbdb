import Foundation
import FuzzChecks
import TestSupport
import Testing

/// Replays each libFuzzer corpus, Fixtures/fuzz/<target>/, through the checks its fuzz target runs (FuzzChecks):
/// every input the fuzzer kept must keep every promise, and the corpus must reach both sides of each target's
/// verdict, so that the replay checks something.
enum Corpus {
    /// Each input of the corpus Fixtures/fuzz/`name`, with its path in the repository: the folder's files in name
    /// order, then the fixture files Fixtures/fuzz/`name`.seeds names (a file, or a folder and `*.EXTENSION`), which
    /// scripts/fuzz.sh hands libFuzzer too.
    static func inputs(_ name: String) throws -> [(path: String, bytes: [UInt8])] {
        func files(_ folder: String, suffix: String = "") throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: Repository.path(folder).path).sorted()
                .filter { $0.hasSuffix(suffix) }.map { "\(folder)/\($0)" }
        }
        var paths = try files("Fixtures/fuzz/\(name)")
        let seeds = Repository.path("Fixtures/fuzz/\(name).seeds")
        if FileManager.default.fileExists(atPath: seeds.path) {
            for line in try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n")
            where !line.hasPrefix("#") {
                let parts = line.split(separator: "/*", maxSplits: 1)
                paths += parts.count == 2 ? try files(String(parts[0]), suffix: String(parts[1])) : [String(line)]
            }
        }
        return try paths.map { ($0, [UInt8](try Data(contentsOf: Repository.path($0)))) }
    }

    /// The outcome of `check` for each input of the corpus Fixtures/fuzz/`name` that kept its promises, by path; a
    /// broken promise is an issue naming the input.
    static func outcomes<Outcome>(
        _ name: String, _ check: ([UInt8]) throws(FuzzFailure) -> Outcome
    ) throws -> [String: Outcome] {
        var outcomes: [String: Outcome] = [:]
        for input in try inputs(name) {
            do throws(FuzzFailure) {
                outcomes[input.path] = try check(input.bytes)
            } catch {
                Issue.record("\(input.path): \(error)")
            }
        }
        return outcomes
    }

    /// How many inputs of the corpus Fixtures/fuzz/`name` gave each outcome of `check`; a broken promise is an issue
    /// naming the input.
    static func replay<Outcome: Hashable>(
        _ name: String, _ check: ([UInt8]) throws(FuzzFailure) -> Outcome
    ) throws -> [Outcome: Int] {
        try outcomes(name, check).values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
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

    @Test("image: every scan ends within its budget; the glare repro with no code or a code, the fixtures read")
    func image() throws {
        let outcomes = try Corpus.outcomes("image", ImageFuzzCheck.check)
        let repro = outcomes["Fixtures/scan-budget/scan-hang-glare.jpg"]
        #expect(repro == .noCode || repro == .code)
        // The charset and structured-append renders and the dense photos read; the property seeds (1 to 12) and
        // the tiled images end one way or another, within the budget.
        let renders = outcomes.filter { $0.key.hasSuffix(".png") || $0.key.hasPrefix("Fixtures/dense-photos/dense") }
        for (path, outcome) in renders { #expect(outcome == .code, "\(path)") }
        #expect(renders.count >= 33)
        #expect(outcomes.keys.count { $0.hasPrefix("Fixtures/fuzz/image/") } >= 19)
        #expect(outcomes.values.contains(.noCode))
    }
}
