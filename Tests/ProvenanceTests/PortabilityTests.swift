import Foundation
import Provenance
import TestSupport
import Testing

/// EMVQR, VietQR and Provenance need no C library, so that a project on macOS or iOS can depend on them.
@Suite struct PortabilityTests {
    /// No source file of the pure modules imports a platform C library without a `canImport` guard around it.
    @Test func pureModulesImportNoCLibraryUnguarded() throws {
        let sources = Repository.path("Sources")
        var checked = 0
        for module in ["EMVQR", "VietQR", "Provenance"] {
            let folder = sources.appendingPathComponent(module)
            let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            for case let file as URL in files where file.pathExtension == "swift" {
                checked += 1
                var guards = 0
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                for (number, line) in lines.enumerated() {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    if text.hasPrefix("#if canImport(") { guards += 1 }
                    if text == "#endif", guards > 0 { guards -= 1 }
                    let platform = ["Glibc", "Darwin", "Musl", "WinSDK", "ucrt"].contains { name in
                        text.range(
                            of: #"^(public |internal |private |package )?import \#(name)\b"#,
                            options: .regularExpression)
                            != nil
                    }
                    #expect(!platform || guards > 0, "\(module)/\(file.lastPathComponent):\(number + 1): \(text)")
                }
            }
        }
        #expect(checked > 20)
    }

    /// Today's date at UTC, without the C library, is the date `date -u` gives.
    @Test func todayMatchesTheSystemClock() throws {
        let before = try run("date", ["-u", "+%Y-%m-%d"])
        let today = CivilDate.today(utcOffsetHours: 0).description
        let after = try run("date", ["-u", "+%Y-%m-%d"])
        let dates = [before, after].map { String(decoding: $0.out, as: UTF8.self).trimmingCharacters(in: .newlines) }
        #expect(dates.contains(today))
        // Vietnam's date is the UTC date, or the day after it.
        let vietnam = CivilDate.today()
        #expect(
            vietnam == CivilDate.today(utcOffsetHours: 0)
                || vietnam == CivilDate.today(utcOffsetHours: 0).adding(days: 1))
    }
}
