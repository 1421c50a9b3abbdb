import EMVQR
import Foundation
import TestSupport
import Testing

/// One row of Fixtures/emvqr/payloads.tsv.
struct PayloadFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var lenient: Outcome
    var strict: Outcome
    var payload: String
    var source: String

    var testDescription: String { name }

    /// What reading a fixture must give.
    enum Outcome: Sendable, Equatable {
        case valid(warnings: [Diagnostic])
        case error(Diagnostic)

        init(_ text: Substring) {
            let parts = text.split(separator: " ")
            if parts[0] == "valid" {
                self = .valid(warnings: parts.dropFirst().map { Diagnostic($0.dropFirst("warn=".count)) })
            } else {
                self = .error(Diagnostic(parts[0].dropFirst("error=".count)))
            }
        }
    }

    /// `CODE@OFFSET:PATH`
    struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
        var code: String
        var offset: Int
        var path: String

        init(_ text: Substring) {
            let at = text.firstIndex(of: "@")!
            let colon = text.firstIndex(of: ":")!
            code = String(text[..<at])
            offset = Int(text[text.index(after: at)..<colon])!
            path = String(text[text.index(after: colon)...])
        }

        init(code: String, offset: Int, path: String) {
            self.code = code
            self.offset = offset
            self.path = path
        }

        var description: String { "\(code)@\(offset):\(path)" }
    }
}

enum Fixtures {
    static let directory = Repository.path("Fixtures")

    static let payloads: [PayloadFixture] = {
        let url = directory.appendingPathComponent("emvqr/payloads.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let c = line.split(separator: "\t", omittingEmptySubsequences: false)
            return PayloadFixture(
                name: String(c[0]), lenient: .init(c[1]), strict: .init(c[2]), payload: String(c[3]),
                source: String(c[4]))
        }
    }()

    static var valid: [PayloadFixture] {
        payloads.filter { if case .valid = $0.lenient { true } else { false } }
    }

    static func bench(_ name: String) -> String {
        let url = directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/bench/payloads.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return String(line.dropFirst(name.count + 1))
        }
        return payloads.first { $0.name == "bench-" + name }!.payload
    }
}

extension EMVQRError {
    var diagnostic: PayloadFixture.Diagnostic {
        .init(code: code.rawValue, offset: offset, path: path.description)
    }
}

extension EMVQRWarning {
    var diagnostic: PayloadFixture.Diagnostic {
        .init(code: code.rawValue, offset: offset, path: path.description)
    }
}
