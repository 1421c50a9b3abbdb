import Foundation
import TestSupport
import Testing
import VietQR

/// The tab-separated fixture files in Fixtures/VietQR.
enum Fixtures {
    static let folder = Repository.path("Fixtures/VietQR")

    /// The rows of `file`, comments and blank lines skipped.
    static func rows(_ file: String) -> [[String]] {
        let url = folder.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// A published payload that must read.
struct ValidVector: CustomTestStringConvertible, Sendable {
    let name, source, payload, bin, account: String
    let amount, purpose: String?
    let warnings: [String]
    let rebuilds: Bool

    var testDescription: String { name }

    static let all: [ValidVector] = Fixtures.rows("valid.tsv").map { f in
        ValidVector(
            name: f[0], source: f[1], payload: f[2], bin: f[3], account: f[4],
            amount: f[5].isEmpty ? nil : f[5], purpose: f[6].isEmpty ? nil : f[6],
            warnings: f[7].split(separator: ",").map(String.init), rebuilds: f[8] == "yes")
    }
}

/// A published payload that must not read.
struct InvalidVector: CustomTestStringConvertible, Sendable {
    let name, source, payload, code, path: String

    var testDescription: String { name }

    static let all: [InvalidVector] = Fixtures.rows("invalid.tsv").map { f in
        InvalidVector(name: f[0], source: f[1], payload: f[2], code: f[3], path: f[4])
    }
}

/// Checks the four fields every interoperability comparison covers.
func expectFields(
    _ code: VietQRPayload, bin: String, account: String, amount: String?, purpose: String?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(code.bin == bin, sourceLocation: sourceLocation)
    #expect(code.account == account, sourceLocation: sourceLocation)
    #expect(code.amount?.text == amount, sourceLocation: sourceLocation)
    #expect(code.purpose == purpose, sourceLocation: sourceLocation)
}
