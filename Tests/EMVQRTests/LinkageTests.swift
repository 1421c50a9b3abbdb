import Foundation
import Testing

@Suite("Linkage")
struct LinkageTests {
    /// EMVQR's object files, next to the test binary in the build folder.
    static func objectFiles() -> [URL] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = binary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("EMVQR.build")
            if let files = try? FileManager.default.contentsOfDirectory(atPath: candidate.path) {
                return files.filter { $0.hasSuffix(".o") }.map { candidate.appendingPathComponent($0) }
            }
            folder = folder.deletingLastPathComponent()
        }
        return []
    }

    @Test("EMVQR references no Foundation symbol")
    func noFoundation() throws {
        let objects = Self.objectFiles()
        try #require(objects.count >= 5, "EMVQR's object files were not found beside the test binary")
        let nm = Process()
        nm.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        nm.arguments = ["nm", "--undefined-only"] + objects.map(\.path)
        let pipe = Pipe()
        nm.standardOutput = pipe
        try nm.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        nm.waitUntilExit()
        #expect(nm.terminationStatus == 0)
        let symbols = output.split(separator: "\n")
        #expect(symbols.contains { $0.contains("swift_retain") }, "nm output looks wrong")
        let foundation = symbols.filter { $0.contains("10Foundation") || $0.contains("20FoundationEssentials") }
        #expect(foundation.isEmpty, "EMVQR uses Foundation: \(foundation.prefix(5))")
    }
}
